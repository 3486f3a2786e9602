/** JUnit 5 support: start the provider stubs for a test class and inject them. */
package dev.volga.testkit.junit;
