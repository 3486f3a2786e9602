package dev.volga.transport;

import dev.volga.transport.internal.Checks;
import dev.volga.transport.internal.HttpExchange;
import dev.volga.transport.internal.TransportAccess;
import dev.volga.transport.internal.WireLog;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The shared HTTP machinery: a Reactor Netty {@link HttpClient} with its connection pool and event
 * loops, timeouts, a response-size cap and a {@code User-Agent}. One transport can serve every
 * Volga client of an application; it is thread-safe and cheap to share.
 *
 * <pre>{@code
 * Transport transport = Transport.builder().responseTimeout(Duration.ofSeconds(20)).build();
 * // … give it to each client builder, close it when the application stops
 * transport.close();
 * }</pre>
 *
 * <p>{@link #close()} releases what the transport created (its connection pool) and nothing it was
 * given: a {@link ConnectionProvider} or {@link LoopResources} passed to the builder stay open for
 * their owner to dispose. Event loops default to Reactor Netty's global ones, which are never
 * disposed here.
 */
public final class Transport implements AutoCloseable {

    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default response timeout: from sending the request to having the whole response. */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Default response size cap: 8 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 8 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger("dev.volga.transport");

    /**
     * Default User-Agent: {@code volga/<version> (Java; Reactor Netty)}, the version being this
     * module's build version (read from a resource the build writes, so it is right on the module
     * path, the class path and in a shaded jar alike).
     */
    public static final String DEFAULT_USER_AGENT = "volga/" + buildVersion() + " (Java; Reactor Netty)";

    private final HttpExchange exchange;
    private final ConnectionProvider ownedPool;
    private final Duration responseTimeout;
    private final int maxResponseSize;

    /** The version the build wrote into {@code version.properties} (filtered), or "unknown". */
    private static String buildVersion() {
        try (java.io.InputStream in = Transport.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                String v = p.getProperty("version", "").trim();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through: the User-Agent is informative only
        }
        return "unknown";
    }

    private Transport(Builder b) {
        ConnectionProvider pool = b.connectionProvider;
        if (pool == null) {
            pool = ConnectionProvider.builder("volga")
                    .maxConnections(b.maxConnections)
                    .pendingAcquireMaxCount(-1)
                    .maxIdleTime(Duration.ofSeconds(20))
                    .evictInBackground(Duration.ofSeconds(30))
                    .build();
            this.ownedPool = pool;
        } else {
            this.ownedPool = null;
        }
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, b.connectTimeout.toMillis()))
                // no HttpClient.responseTimeout: it adds and removes a read-timeout handler and its
                // timer task on every request; the exchange bounds each response itself (HttpExchange)
                .disableRetry(true)
                .followRedirect(false);
        if (b.loopResources != null) {
            http = http.runOn(b.loopResources);
        }
        http = Objects.requireNonNull(b.customizer.apply(http), "customizer returned null");
        boolean wireLog = b.wiretap;
        if (http.configuration().loggingHandler() != null) {
            // HttpClient.wiretap(true) logs the raw bytes, credentials included: Volga's masked wire log instead
            http = http.wiretap(false);
            wireLog = true;
            LOG.log(System.Logger.Level.INFO, "HttpClient.wiretap(true) replaced by Volga's wire log (logger "
                    + WireLog.LOGGER + ", DEBUG), which masks credentials");
        }
        this.responseTimeout = b.responseTimeout;
        this.maxResponseSize = b.maxResponseSize;
        this.exchange = new HttpExchange(http, b.responseTimeout, b.maxResponseSize, b.userAgent, wireLog);
    }

    /** @return a transport with default settings */
    public static Transport create() {
        return builder().build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the response timeout */
    public Duration responseTimeout() {
        return responseTimeout;
    }

    /** @return the response size cap in bytes */
    public int maxResponseSize() {
        return maxResponseSize;
    }

    static {
        TransportAccess.register(t -> t.exchange);
    }

    /**
     * Refuses further requests and releases the connection pool this transport created, without
     * blocking.
     *
     * @return completes when released
     */
    public Mono<Void> closeLater() {
        exchange.close();
        return ownedPool == null ? Mono.empty() : ownedPool.disposeLater();
    }

    /**
     * Refuses further requests (they fail with {@link IllegalStateException}) and releases the
     * connection pool this transport created (waits up to 10 s). Idempotent.
     */
    @Override
    public void close() {
        exchange.close();
        if (ownedPool != null && !ownedPool.isDisposed()) {
            ownedPool.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    /** Builds a {@link Transport}; every setting has a default. */
    public static final class Builder {
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
        private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private String userAgent = DEFAULT_USER_AGENT;
        private int maxConnections = 500;
        private ConnectionProvider connectionProvider;
        private LoopResources loopResources;
        private UnaryOperator<HttpClient> customizer = UnaryOperator.identity();
        private boolean wiretap;

        private Builder() {
        }

        /**
         * Logs every HTTP message as text at DEBUG on the logger {@code dev.volga.transport.wire}, with
         * credentials masked (header values of {@code Authorization}, {@code X-Auth-*} and the like,
         * every secret a client sent, secret query parameters). Reactor Netty's own
         * {@code HttpClient.wiretap(true)} would log the raw bytes, credentials included; a
         * {@link #customize customizer} that turns it on gets this one instead.
         *
         * @param value whether to log the wire
         * @return this
         */
        public Builder wiretap(boolean value) {
            this.wiretap = value;
            return this;
        }

        /**
         * @param value longest wait for a TCP connection, positive
         * @return this
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Checks.positive(value, "connectTimeout");
            return this;
        }

        /**
         * @param value longest wait from sending a request to having its whole response, positive
         * @return this
         */
        public Builder responseTimeout(Duration value) {
            this.responseTimeout = Checks.positive(value, "responseTimeout");
            return this;
        }

        /**
         * @param bytes the largest response body accepted; a larger one fails with
         *              {@link dev.volga.api.TransportException.Kind#RESPONSE_TOO_LARGE} without being buffered
         * @return this
         */
        public Builder maxResponseSize(int bytes) {
            this.maxResponseSize = Checks.positive(bytes, "maxResponseSize");
            return this;
        }

        /**
         * @param value the User-Agent header
         * @return this
         */
        public Builder userAgent(String value) {
            Objects.requireNonNull(value, "userAgent");
            if (value.isBlank()) {
                throw new IllegalArgumentException("userAgent must not be blank");
            }
            this.userAgent = value;
            return this;
        }

        /**
         * @param value the most connections of the pool this transport creates (ignored with
         *              {@link #connectionProvider})
         * @return this
         */
        public Builder maxConnections(int value) {
            this.maxConnections = Checks.positive(value, "maxConnections");
            return this;
        }

        /**
         * Uses a connection pool owned by the caller (shared with other clients); it is not
         * disposed by {@link Transport#close()}.
         *
         * @param value the pool
         * @return this
         */
        public Builder connectionProvider(ConnectionProvider value) {
            this.connectionProvider = Objects.requireNonNull(value, "connectionProvider");
            return this;
        }

        /**
         * Runs on event loops owned by the caller; they are not disposed by {@link Transport#close()}.
         *
         * @param value the event loops
         * @return this
         */
        public Builder loopResources(LoopResources value) {
            this.loopResources = Objects.requireNonNull(value, "loopResources");
            return this;
        }

        /**
         * Customises the Reactor Netty client (proxy, TLS, metrics…), applied last.
         * Keep Reactor Netty's retry disabled and redirects off: the pipeline relies on it. A
         * {@code wiretap(true)} here is replaced by {@link #wiretap(boolean) Volga's wire log}, which
         * masks credentials.
         *
         * @param value the customisation
         * @return this
         */
        public Builder customize(UnaryOperator<HttpClient> value) {
            this.customizer = Objects.requireNonNull(value, "customizer");
            return this;
        }

        /** @return the transport */
        public Transport build() {
            return new Transport(this);
        }
    }
}
