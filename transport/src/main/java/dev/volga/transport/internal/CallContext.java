package dev.volga.transport.internal;

import dev.volga.api.RetrySettings;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.util.context.ContextView;

import java.time.Duration;

/**
 * The Reactor-context keys of Volga's per-call options ({@code dev.volga.transport.Volga} writes
 * them, the pipeline reads them), and where Micrometer keeps the current observation.
 */
public final class CallContext {

    /** The call-timeout key; an object of its own so that no other key can collide with it. */
    public static final Object CALL_TIMEOUT = key("volga.callTimeout");

    /** The per-call retry settings key. */
    public static final Object RETRY = key("volga.retry");

    /**
     * Where Micrometer's context propagation keeps the current observation in a Reactor context:
     * Micrometer's own {@link ObservationThreadLocalAccessor#KEY}, a compile-time constant, so the
     * optional context-propagation library that class needs at run time need not be on the module
     * path.
     */
    public static final String OBSERVATION_KEY = ObservationThreadLocalAccessor.KEY;

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

    /**
     * @param context the subscriber's context
     * @param otherwise the client's settings
     * @return the retry settings the context sets, or {@code otherwise}
     */
    public static RetrySettings retry(ContextView context, RetrySettings otherwise) {
        return context.getOrDefault(RETRY, otherwise);
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
