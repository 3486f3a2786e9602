package dev.volga.endocs;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.api.spi.Arguments;
import dev.volga.endocs.internal.Calls;
import dev.volga.endocs.internal.EndocsCodec;
import dev.volga.endocs.internal.EndocsJson;
import dev.volga.transport.ClientBuilder;
import dev.volga.transport.ProviderClient;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.Authenticator;
import dev.volga.transport.spi.SharedState;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The EnDocs Cloud client: the 15 endpoints of the 1C exchange API, grouped by noun.
 *
 * <pre>{@code
 * try (EndocsClient endocs = EndocsClient.builder().token(System.getenv("ENDOCS_TOKEN")).build()) {
 *     endocs.feeds().newInvoices().watch(storedCursor, Duration.ofMinutes(1))
 *           .concatMap(invoice -> postTo1C(invoice).thenReturn(invoice.id()))
 *           .subscribe(cursorStore::save);
 * }
 * }</pre>
 *
 * <p>Every request carries {@code Authorization: Bearer <token>} and waits for a permit of the key's
 * rate limiter, by default 300 requests per minute spread evenly (one every 200 ms), so a burst never
 * trips the server; a 429 pauses the limiter for its {@code Retry-After} (or a default pause) for
 * every waiting request. The token never appears in a message, log line or {@code toString}.
 *
 * <p>Thread-safe and cheap to share; nothing blocks.
 */
public final class EndocsClient extends ProviderClient {

    /** The default base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.endocs.cloud";
    /** The default base path of the routes. */
    public static final String DEFAULT_BASE_PATH = "/api";
    /** The default response timeout of file routes (downloads and uploads with files). */
    public static final Duration DEFAULT_FILE_RESPONSE_TIMEOUT = Duration.ofMinutes(5);
    /** The default response-size cap of file downloads: 64 MiB (two 20 MB files in base64, with room). */
    public static final int DEFAULT_MAX_FILE_RESPONSE_SIZE = 64 * 1024 * 1024;
    /** The default largest request body: ASP.NET Core's default limit, 30,000,000 bytes (one 20 MiB file fits). */
    public static final long DEFAULT_MAX_REQUEST_BODY_SIZE = 30_000_000L;

    private final Account account;
    private final Feeds feeds;
    private final Files files;
    private final Contracts contracts;
    private final Documents documents;
    private final Scans scans;

    private EndocsClient(Builder b, Calls calls) {
        super(calls.api(), b.baseUrl + b.basePath);
        this.account = new Account(calls);
        this.feeds = new Feeds(calls);
        this.files = new Files(calls);
        this.contracts = new Contracts(calls);
        this.documents = new Documents(calls);
        this.scans = new Scans(calls);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The documented quota of an API key: 300 requests per minute, spread evenly (burst 1).
     *
     * @return the default rate-limit settings
     */
    public static RateLimitSettings defaultRateLimits() {
        return RateLimitSettings.of(RateLimit.of(300, Duration.ofMinutes(1)).named("endocs 300/min per key"));
    }

    /** @return the account: info and users */
    public Account account() {
        return account;
    }

    /** @return the four feeds: unprocessed scans, new contracts, new invoices, new inputs */
    public Feeds feeds() {
        return feeds;
    }

    /** @return file downloads */
    public Files files() {
        return files;
    }

    /** @return contract upserts */
    public Contracts contracts() {
        return contracts;
    }

    /** @return document upserts (incoming/outgoing and internal) */
    public Documents documents() {
        return documents;
    }

    /** @return scan upload and decline */
    public Scans scans() {
        return scans;
    }

    /** Builds an {@link EndocsClient}; only the token is required. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private String baseUrl = DEFAULT_BASE_URL;
        private String basePath = DEFAULT_BASE_PATH;
        private Secret token;
        private Duration fileResponseTimeout = DEFAULT_FILE_RESPONSE_TIMEOUT;
        private int maxFileResponseSize = DEFAULT_MAX_FILE_RESPONSE_SIZE;
        private UnaryOperator<JsonMapper.Builder> json = UnaryOperator.identity();
        private long maxRequestBodySize = DEFAULT_MAX_REQUEST_BODY_SIZE;

        private Builder() {
            super(defaultRateLimits());
        }

        /**
         * @param value the scheme and host, e.g. {@code https://api.endocs.cloud} (the default)
         * @return this
         * @throws IllegalArgumentException if it is not an absolute http(s) URL without query
         */
        public Builder baseUrl(String value) {
            Objects.requireNonNull(value, "baseUrl");
            ApiClient.builder("endocs").baseUrl(value);
            this.baseUrl = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            return this;
        }

        /**
         * @param value the path the routes live under, {@code /api} by default (configurable because
         *              the live routes may have moved); empty for none
         * @return this
         * @throws IllegalArgumentException if it does not start with {@code /} (and is not empty)
         */
        public Builder basePath(String value) {
            Objects.requireNonNull(value, "basePath");
            if (!value.isEmpty() && !value.startsWith("/")) {
                throw new IllegalArgumentException("basePath must start with '/' or be empty, was '" + value + "'");
            }
            this.basePath = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            return this;
        }

        /**
         * @param value the API token (account settings, section "1С", "Копировать токен"), sent as
         *              {@code Authorization: Bearer <token>}; required
         * @return this
         * @throws IllegalArgumentException if the token holds a control character (CR, LF, NUL…), which
         *     no header can carry; the message does not show the token
         */
        public Builder token(Secret value) {
            Arguments.printable(Objects.requireNonNull(value, "token").reveal(), "token");
            this.token = value;
            return this;
        }

        /**
         * The API token in clear text, wrapped in a {@link Secret} at once: the same credential
         * style as {@code NodulClient.Builder.token(String)} and {@code ClodoClient.Builder.key(String)}.
         *
         * @param value the API token, sent as {@code Authorization: Bearer <token>}; required
         * @return this
         * @throws NullPointerException if null (for example an unset environment variable)
         * @throws IllegalArgumentException if blank, or if it holds a control character (CR, LF, NUL…)
         */
        public Builder token(String value) {
            return token(Secret.of("token", value));
        }

        /**
         * @param value the response timeout of file downloads and of upserts with files (default 5 minutes)
         * @return this
         */
        public Builder fileResponseTimeout(Duration value) {
            Objects.requireNonNull(value, "fileResponseTimeout");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("fileResponseTimeout must be positive, was " + value);
            }
            this.fileResponseTimeout = value;
            return this;
        }

        /**
         * @param bytes the response-size cap of file downloads (default 64 MiB); other calls keep the transport's
         * @return this
         */
        public Builder maxFileResponseSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxFileResponseSize must be positive, was " + bytes);
            }
            this.maxFileResponseSize = bytes;
            return this;
        }

        /**
         * The largest request body sent, files in base64 included, checked before any I/O (default
         * {@value #DEFAULT_MAX_REQUEST_BODY_SIZE}: ASP.NET Core's default limit, which the server would
         * answer with 413).
         *
         * @param bytes the limit, positive
         * @return this
         */
        public Builder maxRequestBodySize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxRequestBodySize must be positive, was " + bytes);
            }
            this.maxRequestBodySize = bytes;
            return this;
        }

        /**
         * Customises the Jackson mapper of bodies, applied after the EnDocs settings (case-insensitive
         * names, unknown properties ignored, lenient dates, floats as {@code BigDecimal}); changing
         * those breaks decoding.
         *
         * @param value the customisation, e.g. {@code b -> b.addModule(myModule)}
         * @return this
         */
        public Builder mapper(UnaryOperator<JsonMapper.Builder> value) {
            this.json = Objects.requireNonNull(value, "mapper");
            return this;
        }

        private ApiClient.Builder pipeline() {
            return ApiClient.builder(EndocsCodec.PROVIDER).options(options()).scope(SharedState.Scope.of(EndocsCodec.PROVIDER, token));
        }

        /** The pipeline and what the resource groups share, wired from these settings. */
        private Calls calls() {
            Objects.requireNonNull(token, "token is required");
            JsonMapper mapper = EndocsJson.mapper(json);
            EndocsCodec codec = new EndocsCodec(mapper);
            ApiClient api = pipeline()
                    .baseUrl(baseUrl + basePath)
                    .codec(codec)
                    .authenticator(Authenticator.bearer(token))
                    .build();
            return new Calls(api, codec, mapper, clock(), fileResponseTimeout, maxFileResponseSize, maxRequestBodySize,
                    processing());
        }

        private Scheduler clock() {
            return scheduler();
        }

        private Calls.Processing processing() {
            return new Calls.Processing(sharedState(),
                    SharedState.Scope.of(EndocsCodec.PROVIDER, token).credential(), observationRegistry());
        }

        /**
         * @return the client
         * @throws NullPointerException if no token was given
         * @throws IllegalStateException for a connect timeout with a shared transport
         */
        public EndocsClient build() {
            checkShared();
            return new EndocsClient(this, calls());
        }
    }
}
