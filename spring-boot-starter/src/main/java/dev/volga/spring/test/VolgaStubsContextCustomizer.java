package dev.volga.spring.test;

import dev.volga.testkit.RedisServer;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.junit.VolgaStubs;
import dev.volga.testkit.nodul.NodulStub;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts the stubs {@link AutoConfigureVolgaStubs} asks for, registers them as beans and puts
 * {@code volga.*} into the environment before the context refreshes. Equal for equal
 * annotations, so that Spring's context cache shares one context (and its stubs) among them.
 */
final class VolgaStubsContextCustomizer implements ContextCustomizer {

    /** The name of the property source holding the stubs' {@code volga.*} properties. */
    static final String PROPERTY_SOURCE = "volgaStubs";

    private final boolean nodul;
    private final boolean endocs;
    private final boolean clodo;
    private final boolean redis;

    VolgaStubsContextCustomizer(boolean nodul, boolean endocs, boolean clodo, boolean redis) {
        this.nodul = nodul;
        this.endocs = endocs;
        this.clodo = clodo;
        this.redis = redis;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            if (nodul) {
                NodulStub stub = register(context, "nodulStub", NodulStub.start(), started);
                properties.put("volga.nodul.base-url", stub.baseUrl());
                properties.put("volga.nodul.token", stub.token());
            }
            if (endocs) {
                EndocsStub stub = register(context, "endocsStub", EndocsStub.start(), started);
                properties.put("volga.endocs.base-url", stub.baseUrl());
                properties.put("volga.endocs.token", stub.token());
            }
            if (clodo) {
                ClodoStub stub = register(context, "clodoStub",
                        ClodoStub.builder().user(VolgaStubs.CLODO_USER, VolgaStubs.CLODO_KEY).start(), started);
                properties.put("volga.clodo.base-url", stub.authUrl());
                properties.put("volga.clodo.user", VolgaStubs.CLODO_USER);
                properties.put("volga.clodo.key", VolgaStubs.CLODO_KEY);
            }
            if (redis) {
                RedisServer server = register(context, "redisServer", RedisServer.start(), started);
                properties.put("volga.redis.uri", server.uri());
            }
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e instanceof IOException io ? new UncheckedIOException("could not start the Volga test stubs", io)
                    : (RuntimeException) e;
        }
        context.addApplicationListener(new Closer(context, started));
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, properties);
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
    }

    private static <T extends AutoCloseable> T register(ConfigurableApplicationContext context, String name, T stub,
                                                        List<AutoCloseable> started) {
        started.add(stub);
        context.getBeanFactory().registerSingleton(name, stub);
        return stub;
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // closing the rest matters more; a stub that fails to close has nothing left to free
            }
        }
    }

    /** Closes the stubs when their context closes (not a child's). */
    private static final class Closer implements ApplicationListener<ContextClosedEvent> {
        private final ConfigurableApplicationContext context;
        private final List<AutoCloseable> started;

        Closer(ConfigurableApplicationContext context, List<AutoCloseable> started) {
            this.context = context;
            this.started = started;
        }

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            if (event.getApplicationContext() == context) {
                closeAll(started);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VolgaStubsContextCustomizer c && c.nodul == nodul && c.endocs == endocs && c.clodo == clodo
                && c.redis == redis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodul, endocs, clodo, redis);
    }
}
