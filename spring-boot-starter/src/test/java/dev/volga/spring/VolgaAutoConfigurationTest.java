package dev.volga.spring;

import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.junit.VolgaStubs;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.ClientObservations;
import dev.volga.transport.Transport;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration in a plain application context, against the testkit's stubs. */
@VolgaStubs
class VolgaAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VolgaRedisAutoConfiguration.class, VolgaAutoConfiguration.class,
                    VolgaHealthAutoConfiguration.class, VolgaMetricsAutoConfiguration.class));

    private static String[] all(NodulStub nodul, EndocsStub endocs, ClodoStub clodo) {
        return new String[] {
            "volga.nodul.base-url=" + nodul.baseUrl(), "volga.nodul.token=" + nodul.token(),
            "volga.endocs.base-url=" + endocs.baseUrl(), "volga.endocs.token=" + endocs.token(),
            "volga.clodo.base-url=" + clodo.authUrl(), "volga.clodo.user=" + VolgaStubs.CLODO_USER,
            "volga.clodo.key=" + VolgaStubs.CLODO_KEY, "volga.clodo.format=xml"};
    }

    @Test
    void noPropertiesNoClients() {
        runner.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(Transport.class)
                    .doesNotHaveBean(NodulClient.class).doesNotHaveBean(EndocsClient.class).doesNotHaveBean(ClodoClient.class)
                    .doesNotHaveBean(ReactiveHealthIndicator.class);
        });
    }

    @Test
    void aClientPerConfiguredProviderOnly(NodulStub nodul) {
        runner.withPropertyValues("volga.nodul.base-url=" + nodul.baseUrl(), "volga.nodul.token=" + nodul.token())
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(NodulClient.class)
                            .doesNotHaveBean(EndocsClient.class).doesNotHaveBean(ClodoClient.class)
                            .hasBean("nodulClientHealthIndicator").doesNotHaveBean("endocsClientHealthIndicator");
                    assertThat(ctx.getBean(NodulClient.class).plans().list().collectList().block(Duration.ofSeconds(10))).isNotNull();
                });
        runner.withPropertyValues("volga.nodul.base-url=" + nodul.baseUrl(), "volga.nodul.token=" + nodul.token(),
                        "volga.nodul.enabled=false")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(NodulClient.class));
    }

    @Test
    void aMissingOrBlankRequiredPropertyFailsStartUpNamingItButNoValue(NodulStub nodul, ClodoStub clodo) {
        runner.withPropertyValues("volga.nodul.base-url=" + nodul.baseUrl())
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("volga.nodul.token"));
        runner.withPropertyValues("volga.endocs.token=   ")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("volga.endocs.token"));
        runner.withPropertyValues("volga.clodo.base-url=" + clodo.authUrl(), "volga.clodo.user=jdoe",
                        "volga.clodo.key=", "volga.nodul.token=NODUL-SECRET-TOKEN", "volga.nodul.base-url=" + nodul.baseUrl())
                .run(ctx -> {
                    assertThat(ctx).hasFailed();
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("volga.clodo.key");
                    StringBuilder all = new StringBuilder();
                    for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                        all.append(t).append('\n');
                    }
                    assertThat(all.toString()).doesNotContain("NODUL-SECRET-TOKEN").doesNotContain(VolgaStubs.CLODO_KEY);
                });
    }

    @Test
    void secretsBindIntoSecret() {
        runner.withPropertyValues("volga.nodul.token=NODUL-SECRET-TOKEN", "volga.clodo.key=CLODO-SECRET", "volga.clodo.user=jdoe")
                .run(ctx -> {
                    VolgaProperties p = ctx.getBean(VolgaProperties.class);
                    assertThat(p.getNodul().getToken()).isEqualTo(Secret.of("NODUL-SECRET-TOKEN"));
                    assertThat(p.getNodul().getToken().toString()).doesNotContain("NODUL-SECRET-TOKEN");
                    assertThat(ctx.getBean(ClodoClient.class).toString()).doesNotContain("CLODO-SECRET");
                });
    }

    @Test
    void everyClientReportsToTheApplicationsObservationRegistry(NodulStub nodul, EndocsStub endocs, ClodoStub clodo) {
        runner.withUserConfiguration(Observations.class).withPropertyValues(all(nodul, endocs, clodo)).run(ctx -> {
            assertThat(ctx).hasNotFailed();
            TestObservationRegistry registry = ctx.getBean(TestObservationRegistry.class);
            ctx.getBean(NodulClient.class).plans().list().collectList().block(Duration.ofSeconds(10));
            ctx.getBean(EndocsClient.class).account().info().block(Duration.ofSeconds(10));
            ctx.getBean(ClodoClient.class).servers().list().collectList().block(Duration.ofSeconds(10));
            assertThat(registry).hasObservationWithNameEqualTo(ClientObservations.REQUESTS).that()
                    .hasLowCardinalityKeyValue("provider", "nodul").hasLowCardinalityKeyValue("operation", "plans.list");
            assertThat(registry).hasAnObservation(o -> o.hasNameEqualTo(ClientObservations.REQUESTS)
                    .hasLowCardinalityKeyValue("provider", "endocs").hasLowCardinalityKeyValue("operation", "account.info")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS"));
            assertThat(registry).hasAnObservation(o -> o.hasNameEqualTo(ClientObservations.REQUESTS)
                    .hasLowCardinalityKeyValue("provider", "clodo").hasLowCardinalityKeyValue("operation", "servers.list"));
            assertThat(registry).hasAnObservation(o -> o.hasNameEqualTo(ClientObservations.LOGINS)
                    .hasLowCardinalityKeyValue("provider", "clodo").hasLowCardinalityKeyValue("outcome", "success"));
        });
    }

    @Test
    void traceparentReachesTheProviderOnlyWithVolgaPropagateTrace(NodulStub nodul) {
        String[] props = {"volga.nodul.base-url=" + nodul.baseUrl(), "volga.nodul.token=" + nodul.token()};
        runner.withUserConfiguration(Propagating.class).withPropertyValues(props).run(ctx -> {
            ctx.getBean(NodulClient.class).plans().list().collectList().block(Duration.ofSeconds(10));
            assertThat(nodul.requests("GET", "/plans")).singleElement()
                    .satisfies(r -> assertThat(r.header("traceparent")).as("off by default").isEmpty());
        });
        nodul.reset();
        runner.withUserConfiguration(Propagating.class).withPropertyValues(props).withPropertyValues("volga.propagate-trace=true")
                .run(ctx -> {
                    ctx.getBean(NodulClient.class).plans().list().collectList().block(Duration.ofSeconds(10));
                    assertThat(nodul.requests("GET", "/plans")).singleElement()
                            .satisfies(r -> assertThat(r.header("traceparent")).contains(Propagating.TRACEPARENT));
                });
    }

    @Test
    void customizersRunInOrderAndAUsersClientWins(NodulStub nodul) {
        runner.withUserConfiguration(Customizers.class)
                .withPropertyValues("volga.nodul.base-url=" + nodul.baseUrl(), "volga.nodul.token=" + nodul.token())
                .run(ctx -> assertThat(ctx.getBean("calls", List.class)).containsExactly("first", "second"));
        runner.withUserConfiguration(OwnClient.class)
                .withPropertyValues("volga.nodul.base-url=" + nodul.baseUrl(), "volga.nodul.token=" + nodul.token())
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(NodulClient.class);
                    assertThat(ctx.getBean(NodulClient.class)).isSameAs(ctx.getBean("ownNodul"));
                    assertThat(ctx).hasBean("nodulClientHealthIndicator");
                });
    }

    @Test
    void healthFollowsTheClientsOwnTrafficAndSendsNothing(EndocsStub endocs, ClodoStub clodo) {
        runner.withPropertyValues("volga.endocs.base-url=" + endocs.baseUrl(), "volga.endocs.token=" + endocs.token(),
                        "volga.clodo.base-url=" + clodo.authUrl(), "volga.clodo.user=" + VolgaStubs.CLODO_USER,
                        "volga.clodo.key=wrong-key")
                .run(ctx -> {
                    ReactiveHealthIndicator endocsHealth = ctx.getBean("endocsClientHealthIndicator", ReactiveHealthIndicator.class);
                    ReactiveHealthIndicator clodoHealth = ctx.getBean("clodoClientHealthIndicator", ReactiveHealthIndicator.class);
                    for (int i = 0; i < 5; i++) {
                        assertThat(endocsHealth.health().block().getStatus()).isEqualTo(Status.UNKNOWN);
                    }
                    assertThat(endocs.server().journal()).as("a health probe sends nothing").isEmpty();

                    ctx.getBean(EndocsClient.class).account().info().block(Duration.ofSeconds(10));
                    Health up = endocsHealth.health().block();
                    assertThat(up.getStatus()).isEqualTo(Status.UP);
                    assertThat(up.getDetails()).containsKey("lastSuccess").containsEntry("provider", "endocs");

                    ctx.getBean(ClodoClient.class).servers().list().onErrorResume(e -> reactor.core.publisher.Flux.empty())
                            .collectList().block(Duration.ofSeconds(10));
                    Health down = clodoHealth.health().block();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails()).containsKey("lastLoginFailure");
                    assertThat(down.getDetails().toString()).doesNotContain("wrong-key");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Observations {
        @Bean
        TestObservationRegistry testObservationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    /** A registry whose handler does what a tracing bridge's propagating sender handler does. */
    @Configuration(proxyBeanMethods = false)
    static class Propagating {
        static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        @Bean
        io.micrometer.observation.ObservationRegistry observationRegistry() {
            io.micrometer.observation.ObservationRegistry registry = io.micrometer.observation.ObservationRegistry.create();
            registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<
                    io.micrometer.observation.transport.SenderContext<Object>>() {
                @Override
                public void onStart(io.micrometer.observation.transport.SenderContext<Object> context) {
                    context.getSetter().set(context.getCarrier(), "traceparent", TRACEPARENT);
                }

                @Override
                public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
                    return context instanceof io.micrometer.observation.transport.SenderContext;
                }
            });
            return registry;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        private final List<String> calls = new CopyOnWriteArrayList<>();

        @Bean
        List<String> calls() {
            return calls;
        }

        @Bean
        @Order(2)
        NodulClientBuilderCustomizer second() {
            return b -> calls.add("second");
        }

        @Bean
        @Order(1)
        NodulClientBuilderCustomizer first() {
            return b -> calls.add("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        @Bean(destroyMethod = "close")
        NodulClient ownNodul() {
            return NodulClient.builder().baseUrl("http://127.0.0.1:9").token(Secret.of("own")).build();
        }
    }
}
