/**
 * The conformance test base every Volga client's tests extend:
 * {@link dev.volga.testkit.conformance.ClientConformanceTest} runs every fault of the testkit's
 * vocabulary, hostile answers and bad arguments against a provider's client and stub, once for all
 * providers. Needs JUnit Jupiter's API and {@code dev.volga.api} on the test path (both optional
 * dependencies of the testkit).
 */
package dev.volga.testkit.conformance;
