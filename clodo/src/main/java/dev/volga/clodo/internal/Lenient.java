package dev.volga.clodo.internal;

import dev.volga.api.Secret;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.TreeTraversingParser;
import tools.jackson.databind.type.CollectionType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The lenient readers Clodo's XML-converted JSON needs: numbers and booleans as strings,
 * {@code ""} as empty, one-item lists collapsed to an object or wrapped in their item element,
 * the several date formats, and secrets that never print.
 */
final class Lenient {

    /** Clodo's local time zone: dates without an offset are Moscow time. */
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu[ HH:mm[:ss]]", Locale.ROOT);
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-MM-dd[ HH:mm[:ss]]", Locale.ROOT);

    private Lenient() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("clodo-lenient") {
            private static final long serialVersionUID = 1L;

            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(new SpreadCreators());
            }
        };
        m.addDeserializer(Boolean.class, new BooleanReader());
        m.addDeserializer(String.class, new StringReader());
        m.addDeserializer(java.math.BigDecimal.class, new DecimalReader());
        m.addDeserializer(LocalDateTime.class, new DateTimeReader());
        m.addDeserializer(LocalDate.class, new DateReader());
        m.addDeserializer(Instant.class, new InstantReader());
        m.addDeserializer(Secret.class, new SecretReader());
        m.setDeserializerModifier(new ValueDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                                     BeanDescription.Supplier beanDescRef,
                                                                     ValueDeserializer<?> deserializer) {
                return new ListReader(deserializer);
            }
        });
        return m;
    }

    /**
     * Gives every record / constructor-bound model a pre-spread constructor handle. Jackson's
     * {@code AnnotatedConstructor.call(Object[])} goes through {@code MethodHandle.invokeWithArguments},
     * which builds a spreader on every call: about a third of binding a 35-component {@code Server}.
     * Only Jackson's public extension API ({@link ValueInstantiators}, {@link ValueInstantiator.Delegating})
     * wraps its own instantiator: the arguments, their conversions and every other creator are
     * Jackson's; only the constructor call itself goes through the handle.
     */
    static final class SpreadCreators implements ValueInstantiators {
        @Override
        public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef) {
            return null;
        }

        @Override
        public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier beanDescRef,
                                                         ValueInstantiator defaultInstantiator) {
            if (defaultInstantiator == null || defaultInstantiator instanceof Spread || !defaultInstantiator.canCreateFromObjectWith()
                    || !(defaultInstantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
                return defaultInstantiator;
            }
            Constructor<?> ctor = creator.getAnnotated();
            try {
                int n = ctor.getParameterCount();
                MethodHandle spread = MethodHandles.lookup().unreflectConstructor(ctor)
                        .asType(MethodType.genericMethodType(n))
                        .asSpreader(Object[].class, n)
                        .asType(MethodType.methodType(Object.class, Object[].class));
                return new Spread(defaultInstantiator, spread);
            } catch (IllegalAccessException | RuntimeException e) {
                return defaultInstantiator; // not reachable from here: Jackson's own way
            }
        }
    }

    /** Jackson's instantiator, with the properties-based constructor called through a pre-spread handle. */
    static final class Spread extends ValueInstantiator.Delegating {
        private static final long serialVersionUID = 1L;

        private final transient MethodHandle creator;

        Spread(ValueInstantiator delegate, MethodHandle creator) {
            super(delegate);
            this.creator = creator;
        }

        @Override
        public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription.Supplier beanDescRef) {
            ValueInstantiator d = delegate().createContextual(ctxt, beanDescRef);
            return d == delegate() ? this : new Spread(d, creator);
        }

        /** As {@link ValueInstantiator}'s own: the buffered arguments, then the array form below. */
        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] props, PropertyValueBuffer buffer) {
            return createFromObjectWith(ctxt, buffer.getParameters(ctxt, props));
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return (Object) creator.invokeExact(args);
            } catch (JacksonException e) {
                throw e;
            } catch (Exception e) {
                return ctxt.handleInstantiationProblem(getValueClass(), args, e);
            } catch (Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t); // neither Exception nor Error: cannot happen
            }
        }
    }

    /**
     * Jackson's tree parser that also keeps the node of the object or array it has just entered
     * (the root, or a property's value), so that {@link ListReader} and {@link StringReader} take
     * that node as it is instead of reading its tokens back into a new tree. Every Clodo value is
     * bound from the normalised tree ({@link ClodoCodec#convert}), so every list property was read
     * twice: issue 19 §6's profile of {@code servers().list()} at 16 callers put about a fifth of
     * binding a {@code Server} in that second tree (Jackson's {@code readTree} and its root
     * deserializer lookup). Only public Jackson API: the parser's public constructor, its
     * {@code nextToken}, and the {@code currentNode()} it opens to subclasses.
     */
    static final class NodeParser extends TreeTraversingParser {
        /** The container the current {@code START_OBJECT} / {@code START_ARRAY} opened, when known. */
        private JsonNode entered;

        /**
         * @param node the tree to read
         * @param context the context its {@code readValueAs…} calls use
         */
        NodeParser(JsonNode node, ObjectReadContext context) {
            super(node, context);
        }

        @Override
        public JsonToken nextToken() {
            JsonToken before = currentToken();
            // before a property's value, the cursor is on it; before the first token, it is the root
            JsonNode next = before == null && !isClosed() ? _source : before == JsonToken.PROPERTY_NAME ? currentNode() : null;
            JsonToken t = super.nextToken();
            entered = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? next : null;
            return t;
        }

        /**
         * The value the parser is on, whole: the entered container as it is (the parser then
         * stands on its end token, as after reading it), or read from the tokens.
         *
         * @param p any parser, on a value's first token
         * @param ctxt the context
         * @return the value's tree
         */
        static JsonNode enteredOrRead(JsonParser p, DeserializationContext ctxt) {
            if (p instanceof NodeParser np && np.entered != null) {
                JsonNode node = np.entered;
                np.entered = null;
                p.skipChildren();
                return node;
            }
            return ctxt.readTree(p);
        }
    }

    /** Text of a scalar token, or null for null / empty string. */
    private static String text(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return null; // an element with attributes only, or {}: no scalar value
        }
        String s = p.getString();
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** {@code true/false}, {@code 1/0}, {@code "1"/"0"/""}, {@code "yes"/"no"}; "" is false. */
    static final class BooleanReader extends ValueDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE) {
                return Boolean.TRUE;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return Boolean.FALSE;
            }
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDecimalValue().signum() != 0;
            }
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getString().trim().toLowerCase(Locale.ROOT);
                switch (s) {
                    case "1", "true", "yes", "on", "y" -> {
                        return Boolean.TRUE;
                    }
                    case "", "0", "false", "no", "off", "n" -> {
                        return Boolean.FALSE;
                    }
                    default -> {
                        return (Boolean) ctxt.handleWeirdStringValue(Boolean.class, s, "not a Clodo boolean");
                    }
                }
            }
            String s = text(p);
            return s == null ? null : Boolean.FALSE;
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /**
     * A decimal from a number or a string, without trailing zeros, so that {@code 17.550} (JSON
     * number) and {@code "17.550"} (XML text) are equal values.
     */
    static final class DecimalReader extends ValueDeserializer<java.math.BigDecimal> {
        @Override
        public java.math.BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken t = p.currentToken();
            java.math.BigDecimal d;
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                d = p.getDecimalValue();
            } else {
                String s = text(p);
                if (s == null) {
                    return null;
                }
                try {
                    d = new java.math.BigDecimal(s.replace(',', '.'));
                } catch (NumberFormatException e) {
                    return (java.math.BigDecimal) ctxt.handleWeirdStringValue(java.math.BigDecimal.class, s, "not a number");
                }
            }
            d = d.stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0) : d;
        }
    }

    /** Text as sent; an empty element ({@code ""}) is absent (null); numbers and booleans as their text. */
    static final class StringReader extends ValueDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonToken t = p.currentToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                JsonNode node = NodeParser.enteredOrRead(p, ctxt);
                return node.isEmpty() ? null : node.toString();
            }
            if (t == JsonToken.VALUE_NULL) {
                return null;
            }
            String s = p.getString();
            return s == null || s.isEmpty() ? null : s;
        }
    }

    /** {@code DD.MM.YYYY HH:MM:SS}, {@code YYYY-MM-DD HH:MM:SS} or unix seconds (as Moscow time). */
    static final class DateTimeReader extends ValueDeserializer<LocalDateTime> {
        @Override
        public LocalDateTime deserialize(JsonParser p, DeserializationContext ctxt) {
            String s = text(p);
            return s == null ? null : parseDateTime(s, ctxt);
        }
    }

    /** {@code DD.MM.YYYY} or {@code YYYY-MM-DD} (a time part is ignored). */
    static final class DateReader extends ValueDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
            String s = text(p);
            LocalDateTime dt = s == null ? null : parseDateTime(s, ctxt);
            return dt == null ? null : dt.toLocalDate();
        }
    }

    /** Unix seconds (number or string), or a local date-time taken as Moscow time. */
    static final class InstantReader extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            String s = text(p);
            if (s == null) {
                return null;
            }
            if (s.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(s));
            }
            LocalDateTime dt = parseDateTime(s, ctxt);
            return dt == null ? null : dt.atZone(MOSCOW).toInstant();
        }
    }

    /** A password or key; blank is absent. */
    static final class SecretReader extends ValueDeserializer<Secret> {
        @Override
        public Secret deserialize(JsonParser p, DeserializationContext ctxt) {
            String s = text(p);
            return s == null ? null : Secret.of(s);
        }
    }

    static LocalDateTime parseDateTime(String s, DeserializationContext ctxt) {
        if (s.startsWith("0000-00-00") || s.contains("-0001") || s.startsWith("00.00.0000")) {
            return null; // PHP's zero date: no date
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return LocalDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(s)), MOSCOW);
        }
        DateTimeFormatter f = s.length() > 2 && s.charAt(2) == '.' ? DOTTED : DASHED;
        try {
            var parsed = f.parseBest(s, LocalDateTime::from, LocalDate::from);
            return parsed instanceof LocalDateTime dt ? dt : ((LocalDate) parsed).atTime(LocalTime.MIDNIGHT);
        } catch (DateTimeParseException e) {
            return (LocalDateTime) ctxt.handleWeirdStringValue(LocalDateTime.class, s,
                    "expected DD.MM.YYYY HH:MM:SS, YYYY-MM-DD HH:MM:SS or unix seconds");
        }
    }

    /**
     * A list that may arrive as an array, a single object, an object wrapping its items under
     * the item element's name ({@code {"ip":[…]}} or {@code {"backup":{…}}}), {@code ""} or null.
     */
    static final class ListReader extends ValueDeserializer<Object> {
        private final ValueDeserializer<?> delegate;

        ListReader(ValueDeserializer<?> delegate) {
            this.delegate = delegate;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, tools.jackson.databind.BeanProperty property) {
            ValueDeserializer<?> d = ctxt.handleSecondaryContextualization(delegate, property, ctxt.getContextualType());
            return d == delegate ? this : new ListReader(d);
        }

        @Override
        public void resolve(DeserializationContext ctxt) {
            delegate.resolve(ctxt);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            ArrayNode items = listify(NodeParser.enteredOrRead(p, ctxt));
            try (JsonParser sub = new NodeParser(items, ctxt)) {
                sub.nextToken();
                return delegate.deserialize(sub, ctxt);
            }
        }

        @Override
        public Object getNullValue(DeserializationContext ctxt) {
            return java.util.List.of();
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return java.util.List.of();
        }
    }

    /** Turns whatever a list arrived as into an array of its items. */
    static ArrayNode listify(JsonNode node) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(out::add);
            return out;
        }
        if (node.isString() && node.asString().isBlank()) {
            return out;
        }
        if (node.isObject()) {
            if (node.isEmpty()) {
                return out;
            }
            if (node.size() == 1) {
                Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
                JsonNode only = it.next().getValue();
                if (only.isArray() || only.isObject() || (only.isString() && only.asString().isBlank())) {
                    return listify(only);
                }
            }
        }
        out.add(node);
        return out;
    }

}
