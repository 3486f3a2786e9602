package dev.volga.spring;

import dev.volga.api.Secret;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The {@code volga.*} properties. A provider whose group ({@code volga.nodul}, {@code volga.endocs},
 * {@code volga.clodo}) has any property set gets a client bean; its required properties (the token;
 * Clodo's user and key) must then be set and not blank, or start-up fails naming the property
 * (never its value). Secrets bind into {@link Secret}, whose {@code toString} masks them.
 *
 * <pre>
 * volga.endocs.token=${ENDOCS_TOKEN}
 * volga.endocs.rate-limit.permits=300
 * volga.clodo.user=jdoe
 * volga.clodo.key=${CLODO_KEY}
 * volga.clodo.format=xml
 * volga.redis.uri=redis://redis:6379/0     # fleet mode, with volga-redis on the class path
 * </pre>
 */
@ConfigurationProperties("volga")
public class VolgaProperties {

    private final Transport transport = new Transport();
    private final Nodul nodul = new Nodul();
    private final Endocs endocs = new Endocs();
    private final Clodo clodo = new Clodo();
    private final Redis redis = new Redis();
    /** Whether calls propagate their trace ({@code traceparent}) to the providers; off: they are third parties. */
    private boolean propagateTrace;

    /** @return the shared transport's settings */
    public Transport getTransport() {
        return transport;
    }

    /** @return Nodul's settings */
    public Nodul getNodul() {
        return nodul;
    }

    /** @return EnDocs Cloud's settings */
    public Endocs getEndocs() {
        return endocs;
    }

    /** @return Clodo's settings */
    public Clodo getClodo() {
        return clodo;
    }

    /** @return fleet mode's settings */
    public Redis getRedis() {
        return redis;
    }

    /** @return whether calls propagate their trace to the providers ({@code volga.propagate-trace}, default false) */
    public boolean isPropagateTrace() {
        return propagateTrace;
    }

    /**
     * @param value whether calls propagate their trace ({@code traceparent}) to the providers; off
     *              by default, since a trace id tells a third party about the application's call graph
     */
    public void setPropagateTrace(boolean value) {
        this.propagateTrace = value;
    }

    /** The one transport (connection pool, event loops) every client of the application shares. */
    public static class Transport {
        /** Longest wait for a TCP connection. */
        private Duration connectTimeout = dev.volga.transport.Transport.DEFAULT_CONNECT_TIMEOUT;
        /** Longest wait from sending a request to having its whole response. */
        private Duration responseTimeout = dev.volga.transport.Transport.DEFAULT_RESPONSE_TIMEOUT;
        /** Largest response body accepted, in bytes. */
        private int maxResponseSize = dev.volga.transport.Transport.DEFAULT_MAX_RESPONSE_SIZE;
        /** Whether to run on the application's Reactor Netty resources (ReactorResourceFactory) when it has them. */
        private boolean useSpringResources = true;

        /** @return the connect timeout */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        /** @param value the connect timeout */
        public void setConnectTimeout(Duration value) {
            this.connectTimeout = value;
        }

        /** @return the response timeout */
        public Duration getResponseTimeout() {
            return responseTimeout;
        }

        /** @param value the response timeout */
        public void setResponseTimeout(Duration value) {
            this.responseTimeout = value;
        }

        /** @return the response size cap in bytes */
        public int getMaxResponseSize() {
            return maxResponseSize;
        }

        /** @param value the response size cap in bytes */
        public void setMaxResponseSize(int value) {
            this.maxResponseSize = value;
        }

        /** @return whether the application's Reactor Netty resources are used */
        public boolean isUseSpringResources() {
            return useSpringResources;
        }

        /** @param value whether the application's Reactor Netty resources are used */
        public void setUseSpringResources(boolean value) {
            this.useSpringResources = value;
        }
    }

    /** Retries of one client: only where they cannot duplicate a write. Defaults: the library's ({@code RetrySettings.defaults()}). */
    public static class Retry {
        /** Attempts in all (1: no retry). */
        private int maxAttempts = dev.volga.api.RetrySettings.defaults().maxAttempts();
        /** Backoff before the second attempt; doubles up to max-backoff. */
        private Duration firstBackoff = dev.volga.api.RetrySettings.defaults().firstBackoff();
        /** Largest backoff. */
        private Duration maxBackoff = dev.volga.api.RetrySettings.defaults().maxBackoff();
        /** Random share of each backoff, 0 to 1. */
        private double jitter = dev.volga.api.RetrySettings.defaults().jitter();

        /** @return attempts in all */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /** @param value attempts in all */
        public void setMaxAttempts(int value) {
            this.maxAttempts = value;
        }

        /** @return the first backoff */
        public Duration getFirstBackoff() {
            return firstBackoff;
        }

        /** @param value the first backoff */
        public void setFirstBackoff(Duration value) {
            this.firstBackoff = value;
        }

        /** @return the largest backoff */
        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        /** @param value the largest backoff */
        public void setMaxBackoff(Duration value) {
            this.maxBackoff = value;
        }

        /** @return the jitter */
        public double getJitter() {
            return jitter;
        }

        /** @param value the jitter */
        public void setJitter(double value) {
            this.jitter = value;
        }
    }

    /** What every provider's group has. */
    public abstract static class Client {
        /** Whether to create the client when its group has properties. */
        private boolean enabled = true;
        /** Base URL of the API; the provider's public one when not set. */
        private String baseUrl;
        /** Response timeout of this client's requests; the transport's when not set. */
        private Duration responseTimeout;
        private final Retry retry = new Retry();

        /** @return whether the client is created */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param value whether the client is created */
        public void setEnabled(boolean value) {
            this.enabled = value;
        }

        /** @return the base URL, or null for the provider's */
        public String getBaseUrl() {
            return baseUrl;
        }

        /** @param value the base URL */
        public void setBaseUrl(String value) {
            this.baseUrl = value;
        }

        /** @return the response timeout, or null for the transport's */
        public Duration getResponseTimeout() {
            return responseTimeout;
        }

        /** @param value the response timeout */
        public void setResponseTimeout(Duration value) {
            this.responseTimeout = value;
        }

        /** @return the retry settings */
        public Retry getRetry() {
            return retry;
        }
    }

    /** Nodul White Label API. */
    public static class Nodul extends Client {
        /** API token, sent as the AUTH_TOKEN query parameter. Required. */
        private Secret token;

        /** @return the token */
        public Secret getToken() {
            return token;
        }

        /** @param value the token */
        public void setToken(Secret value) {
            this.token = value;
        }
    }

    /** EnDocs Cloud. */
    public static class Endocs extends Client {
        /** API token, sent as a Bearer token. Required. */
        private Secret token;
        private final RateLimit rateLimit = new RateLimit();

        /** @return the token */
        public Secret getToken() {
            return token;
        }

        /** @param value the token */
        public void setToken(Secret value) {
            this.token = value;
        }

        /** @return the client-side quota */
        public RateLimit getRateLimit() {
            return rateLimit;
        }
    }

    /**
     * EnDocs' client-side quota: a token bucket and a bounded queue of waiting requests. Defaults:
     * the library's ({@code EndocsClient.defaultRateLimits()}: 300 per minute, spread evenly).
     */
    public static class RateLimit {
        /** Requests per period. */
        private int permits = endocsDefault().permits();
        /** The period. */
        private Duration period = endocsDefault().period();
        /** Requests that may go back to back after a quiet spell (1: spread evenly over the period); at most permits. */
        private int burst = endocsDefault().burst();
        /** Requests that may wait for a permit; one more fails at once. */
        private int maxQueue = dev.volga.endocs.EndocsClient.defaultRateLimits().maxQueue();

        private static dev.volga.api.RateLimit endocsDefault() {
            return dev.volga.endocs.EndocsClient.defaultRateLimits().limits().get(0);
        }

        /** @return permits per period */
        public int getPermits() {
            return permits;
        }

        /** @param value permits per period */
        public void setPermits(int value) {
            this.permits = value;
        }

        /** @return the period */
        public Duration getPeriod() {
            return period;
        }

        /** @param value the period */
        public void setPeriod(Duration value) {
            this.period = value;
        }

        /** @return the burst */
        public int getBurst() {
            return burst;
        }

        /** @param value the burst */
        public void setBurst(int value) {
            this.burst = value;
        }

        /** @return the queue bound */
        public int getMaxQueue() {
            return maxQueue;
        }

        /** @param value the queue bound */
        public void setMaxQueue(int value) {
            this.maxQueue = value;
        }
    }

    /** Clodo: logs in with user and key, renews its 20-minute token ahead of expiry. */
    public static class Clodo extends Client {
        /** Account user name (X-Auth-User). Required. */
        private String user;
        /** API key (X-Auth-Key). Required. */
        private Secret key;
        /** Wire format: JSON or XML. */
        private dev.volga.clodo.Format format = dev.volga.clodo.ClodoClient.DEFAULT_FORMAT;
        /** How long before expiry the token is renewed. */
        private Duration refreshSkew = dev.volga.clodo.ClodoClient.DEFAULT_REFRESH_SKEW;

        /** @return the user */
        public String getUser() {
            return user;
        }

        /** @param value the user */
        public void setUser(String value) {
            this.user = value;
        }

        /** @return the key */
        public Secret getKey() {
            return key;
        }

        /** @param value the key */
        public void setKey(Secret value) {
            this.key = value;
        }

        /** @return the format */
        public dev.volga.clodo.Format getFormat() {
            return format;
        }

        /** @param value the format */
        public void setFormat(dev.volga.clodo.Format value) {
            this.format = value;
        }

        /** @return the refresh skew */
        public Duration getRefreshSkew() {
            return refreshSkew;
        }

        /** @param value the refresh skew */
        public void setRefreshSkew(Duration value) {
            this.refreshSkew = value;
        }
    }

    /**
     * Fleet mode: quota, server pause and login shared by every instance through Redis (needs
     * volga-redis). The defaults are {@code RedisSharedState}'s; they are written out here because
     * volga-redis is optional (these properties bind without it), and a test holds them equal.
     */
    public static class Redis {
        /** Redis URI, e.g. redis://:password@host:6379/0; fleet mode is on when set. */
        private Secret uri;
        /** Prefix of every key Volga writes: 1 to 64 letters, digits, '.', '_' or '-'; services sharing one Redis use different ones. */
        private String keyPrefix = "volga";
        /** What requests do while Redis does not answer. */
        private WhenUnavailable whenUnavailable = WhenUnavailable.FAIL;
        /** Instances sharing one quota; each gets 1/expected-instances of it while Redis is away. Required with LOCAL_FALLBACK. */
        private Integer expectedInstances;
        /** Longest wait for one Redis command. */
        private Duration commandTimeout = Duration.ofSeconds(1);
        /** Longest wait for a connection to Redis to open and its scripts to load. */
        private Duration connectTimeout = Duration.ofSeconds(2);

        /** @return the URI */
        public Secret getUri() {
            return uri;
        }

        /** @param value the URI */
        public void setUri(Secret value) {
            this.uri = value;
        }

        /** @return the key prefix */
        public String getKeyPrefix() {
            return keyPrefix;
        }

        /** @param value the key prefix */
        public void setKeyPrefix(String value) {
            this.keyPrefix = value;
        }

        /** @return the policy while Redis is away */
        public WhenUnavailable getWhenUnavailable() {
            return whenUnavailable;
        }

        /** @param value the policy while Redis is away */
        public void setWhenUnavailable(WhenUnavailable value) {
            this.whenUnavailable = value;
        }

        /** @return the expected instances, or null when not set */
        public Integer getExpectedInstances() {
            return expectedInstances;
        }

        /** @param value the expected instances */
        public void setExpectedInstances(Integer value) {
            this.expectedInstances = value;
        }

        /** @return the command timeout */
        public Duration getCommandTimeout() {
            return commandTimeout;
        }

        /** @param value the command timeout */
        public void setCommandTimeout(Duration value) {
            this.commandTimeout = value;
        }

        /** @return the connect timeout */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        /** @param value the connect timeout */
        public void setConnectTimeout(Duration value) {
            this.connectTimeout = value;
        }
    }

    /**
     * What requests do while Redis does not answer: volga-redis's {@code UnavailablePolicy}, by
     * name (a type of the starter's own, so that binding never needs the optional volga-redis).
     */
    public enum WhenUnavailable {
        /** Requests fail at once, naming the Redis endpoint; nothing is sent to the provider. */
        FAIL,
        /** Each instance keeps to quota / expected-instances by itself until Redis answers again. */
        LOCAL_FALLBACK
    }
}
