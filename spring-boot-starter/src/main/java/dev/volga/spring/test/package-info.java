/**
 * Spring test support: {@link dev.volga.spring.test.AutoConfigureVolgaStubs} starts the testkit's
 * stubs for a test's application context and points {@code volga.*} at them. Needs
 * {@code volga-testkit} and {@code spring-test} (both test scope in an application).
 */
package dev.volga.spring.test;
