package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.RateLimiter;

import java.util.Objects;

/**
 * What every Volga provider client ({@code NodulClient}, {@code EndocsClient}, {@code ClodoClient})
 * has beside its resource groups: the rate limiter it waits on, a status snapshot for health checks,
 * {@link #close()} and a {@link #toString()} that names the client and where it talks to, never a
 * credential.
 *
 * <p>A provider author extends it with the {@link ApiClient} the client's resource groups call; the
 * subclass reaches it through {@link #api()}. Thread-safe as the pipeline is.
 */
public abstract class ProviderClient implements AutoCloseable {

    private final ApiClient api;
    private final String description;

    /**
     * @param api the client's pipeline; it is closed by {@link #close()}
     * @param description what {@link #toString()} shows between the brackets after the class's
     *     simple name, for example the base URL; must hold no secret
     */
    protected ProviderClient(ApiClient api, String description) {
        this.api = Objects.requireNonNull(api, "api");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** @return the pipeline this client's resource groups call */
    protected final ApiClient api() {
        return api;
    }

    /**
     * The rate limiter every call of this client waits on: give it to another client of the same
     * credential ({@code ClientBuilder.rateLimiter}) so that both share one quota.
     *
     * @return the limiter
     */
    public RateLimiter rateLimiter() {
        return api.rateLimiter();
    }

    /**
     * What this client remembers of its recent calls and logins (last success, last failure, queued
     * requests), for a health check that sends no request of its own.
     *
     * @return a snapshot
     */
    public ClientStatus status() {
        return api.status();
    }

    /**
     * Releases the transport this client created; a transport given to the builder stays open.
     * Idempotent. A subclass that holds more (further pipelines, its own transport) overrides it and
     * calls {@code super.close()}.
     */
    @Override
    public void close() {
        api.close();
    }

    /** @return the client's simple class name and its description, e.g. {@code NodulClient[https://…]} */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + description + "]";
    }
}
