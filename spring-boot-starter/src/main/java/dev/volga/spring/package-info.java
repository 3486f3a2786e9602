/**
 * Spring Boot auto-configuration of the Volga clients: {@link dev.volga.spring.VolgaProperties}
 * ({@code volga.*}), a client bean per configured provider on one shared transport (on Spring's
 * Reactor Netty resources), the application's {@code ObservationRegistry}, builder customisers,
 * fleet mode when {@code volga-redis} is present and {@code volga.redis.uri} is set, and an Actuator
 * health indicator per client that sends no request of its own.
 */
package dev.volga.spring;
