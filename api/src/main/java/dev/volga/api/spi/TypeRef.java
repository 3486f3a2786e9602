package dev.volga.api.spi;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The full generic type of a value to decode, e.g. {@code new TypeRef<List<Plan>>() {}}.
 *
 * <p>Kept free of any JSON library so that the API module depends on the JDK alone; codecs turn
 * {@link #type()} into their library's type.
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {

    private final Type type;

    /** Captures the type argument of an anonymous subclass. */
    protected TypeRef() {
        Type superType = getClass().getGenericSuperclass();
        if (!(superType instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("TypeRef must be created with a type argument, e.g. new TypeRef<List<X>>() {}");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    private TypeRef(Type type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * A reference to a plain class.
     *
     * @param type the class
     * @param <T> the type
     * @return the reference
     */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<>(type) { };
    }

    /**
     * A reference to a list of the given element type, e.g. {@code List<Plan>}.
     *
     * @param element the element type
     * @param <E> the element type
     * @return the reference
     */
    public static <E> TypeRef<java.util.List<E>> listOf(TypeRef<E> element) {
        Type elementType = Objects.requireNonNull(element, "element").type();
        return new TypeRef<>(new ListType(elementType)) { };
    }

    /** {@code List<E>} as a {@link ParameterizedType}, equal to the JDK's own for the same type. */
    private record ListType(Type element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return java.util.List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && p.getRawType() == java.util.List.class && p.getOwnerType() == null
                    && java.util.Arrays.equals(p.getActualTypeArguments(), getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            // as the JDK's ParameterizedTypeImpl: args ^ owner ^ raw
            return java.util.Arrays.hashCode(getActualTypeArguments()) ^ java.util.List.class.hashCode();
        }

        @Override
        public String getTypeName() {
            return "java.util.List<" + element.getTypeName() + ">";
        }

        @Override
        public String toString() {
            return getTypeName();
        }
    }

    /** @return the captured type */
    public Type type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeRef<?> other && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }
}
