/** Measurement harnesses; each has a {@code main} and prints its figures. */
package dev.volga.benchmarks;
