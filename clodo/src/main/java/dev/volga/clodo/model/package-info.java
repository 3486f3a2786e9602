/**
 * Clodo's bodies as immutable records, read alike from JSON and XML: numbers and booleans may
 * arrive as strings, empty elements are absent (null, or an empty list), dates are Moscow local
 * time, passwords and keys are {@link dev.volga.api.Secret}s; and the request models, which check
 * the documented rules when built.
 */
package dev.volga.clodo.model;
