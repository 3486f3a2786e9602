package dev.volga.clodo;

/** The wire format a {@link ClodoClient} asks for ({@code Accept}) and sends ({@code Content-type}). */
public enum Format {
    /** {@code application/json} (the default). */
    JSON,
    /** {@code application/xml}, the best documented form. */
    XML
}
