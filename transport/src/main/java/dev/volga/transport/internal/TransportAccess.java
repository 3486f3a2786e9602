package dev.volga.transport.internal;

import dev.volga.transport.Transport;

import java.util.Objects;
import java.util.function.Function;

/**
 * The pipeline's way to a {@link Transport}'s {@link HttpExchange}, which the public
 * {@code Transport} does not show: {@code Transport} registers the accessor when its class is
 * initialised, which has happened once any transport exists.
 */
public final class TransportAccess {

    private static volatile Function<Transport, HttpExchange> exchange;

    private TransportAccess() {
    }

    /**
     * Called once, by {@code Transport}'s static initialiser.
     *
     * @param accessor the accessor
     */
    public static void register(Function<Transport, HttpExchange> accessor) {
        exchange = Objects.requireNonNull(accessor, "accessor");
    }

    /**
     * @param transport a transport
     * @return its exchange
     */
    public static HttpExchange exchange(Transport transport) {
        return exchange.apply(transport);
    }
}
