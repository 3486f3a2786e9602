/**
 * Nodul's data as immutable records. Reading is lenient: unknown fields are ignored, 64-bit numbers
 * are read from JSON strings or numbers, ids from strings or numbers, statuses, resources and feature
 * aliases are open values (a value this client does not know is kept as sent, never an error),
 * missing lists are empty, nested objects may be null, and
 * timestamps parse with or without fractional seconds.
 */
package dev.volga.nodul.model;
