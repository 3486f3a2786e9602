package dev.volga.transport.internal;

import reactor.util.context.ContextView;

import java.time.Duration;

/**
 * The Reactor-context keys of Volga's per-call options ({@code dev.volga.transport.Volga} writes
 * them, the pipeline reads them), and where Micrometer keeps the current observation.
 */
public final class CallContext {

    /** The call-timeout key; an object of its own so that no other key can collide with it. */
    public static final Object CALL_TIMEOUT = key("volga.callTimeout");

    /**
     * Where Micrometer's context propagation keeps the current observation in a Reactor context
     * ({@code ObservationThreadLocalAccessor.KEY}; written out so that the optional
     * context-propagation library need not be on the module path).
     */
    public static final String OBSERVATION_KEY = "micrometer.observation";

    private CallContext() {
    }

    /**
     * @param context the subscriber's context
     * @param otherwise the client's timeout
     * @return the call timeout the context sets, or {@code otherwise}
     */
    public static Duration callTimeout(ContextView context, Duration otherwise) {
        return context.getOrDefault(CALL_TIMEOUT, otherwise);
    }

    private static Object key(String name) {
        return new Object() {
            @Override
            public String toString() {
                return name;
            }
        };
    }
}
