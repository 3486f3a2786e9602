package dev.volga.testkit.clodo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a Clodo answer, rendered as D1's XML or as the JSON Clodo derives from it
 * (attributes merged or under {@code _attr}, item lists as plain arrays or kept under the item name).
 */
final class Elem {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    final String name;
    final Map<String, Object> attrs = new LinkedHashMap<>();
    final Map<String, String> jsonNames = new LinkedHashMap<>();
    final List<Elem> kids = new ArrayList<>();
    Object text;
    boolean list;
    boolean keepItem;
    boolean attrUnder;

    private Elem(String name) {
        this.name = name;
    }

    static Elem of(String name) {
        return new Elem(name);
    }

    /** A list element whose items become a plain JSON array. */
    static Elem list(String name) {
        Elem e = new Elem(name);
        e.list = true;
        return e;
    }

    static Elem leaf(String name, Object value) {
        Elem e = new Elem(name);
        e.text = value == null ? "" : value;
        return e;
    }

    Elem add(Elem kid) {
        kids.add(kid);
        return this;
    }

    Elem leafs(Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            add(leaf((String) pairs[i], pairs[i + 1]));
        }
        return this;
    }

    Elem attr(String xmlName, Object value) {
        attrs.put(xmlName, value);
        return this;
    }

    Elem attr(String xmlName, String jsonName, Object value) {
        attrs.put(xmlName, value);
        jsonNames.put(xmlName, jsonName);
        return this;
    }

    Elem keepItemName() {
        keepItem = true;
        return this;
    }

    Elem attrsUnderAttr() {
        attrUnder = true;
        return this;
    }

    // ---- XML ----

    String xml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        writeXml(sb);
        return sb.toString();
    }

    private void writeXml(StringBuilder sb) {
        sb.append('<').append(name);
        attrs.forEach((k, v) -> sb.append(' ').append(k).append("=\"").append(esc(xmlText(v))).append('"'));
        String t = text == null ? null : xmlText(text);
        if (kids.isEmpty() && (t == null || t.isEmpty())) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        if (t != null) {
            sb.append(esc(t));
        }
        for (Elem k : kids) {
            k.writeXml(sb);
        }
        sb.append("</").append(name).append('>');
    }

    private static String xmlText(Object v) {
        if (v instanceof Boolean b) {
            return b ? "1" : "";
        }
        return String.valueOf(v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---- JSON ----

    String json() {
        ObjectNode root = F.objectNode();
        root.set(name, jsonValue());
        return root.toString();
    }

    JsonNode jsonValue() {
        if (list) {
            ArrayNode arr = F.arrayNode();
            for (Elem k : kids) {
                arr.add(k.jsonValue());
            }
            if (keepItem && !kids.isEmpty()) {
                ObjectNode o = F.objectNode();
                o.set(kids.get(0).name, arr);
                return o;
            }
            return arr;
        }
        if (kids.isEmpty() && attrs.isEmpty()) {
            return scalar(text);
        }
        ObjectNode o = F.objectNode();
        ObjectNode a = attrUnder ? F.objectNode() : o;
        attrs.forEach((k, v) -> a.set(jsonNames.getOrDefault(k, k), scalar(v)));
        if (attrUnder && !attrs.isEmpty()) {
            o.set("_attr", a);
        }
        for (Elem k : kids) {
            JsonNode prev = o.get(k.name);
            if (prev == null) {
                o.set(k.name, k.jsonValue());
            } else if (prev.isArray() && kids.stream().filter(x -> x.name.equals(k.name)).count() > 1) {
                ((ArrayNode) prev).add(k.jsonValue());
            } else {
                ArrayNode repeated = F.arrayNode();
                repeated.add(prev);
                repeated.add(k.jsonValue());
                o.set(k.name, repeated);
            }
        }
        return o;
    }

    private static JsonNode scalar(Object v) {
        if (v == null) {
            return F.stringNode("");
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Integer || v instanceof Long) {
            return F.numberNode(((Number) v).longValue());
        }
        if (v instanceof BigDecimal d) {
            return F.numberNode(d);
        }
        if (v instanceof Double d) {
            return F.numberNode(d);
        }
        return F.stringNode(String.valueOf(v));
    }
}
