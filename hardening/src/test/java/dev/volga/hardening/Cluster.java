package dev.volga.hardening;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.Format;
import dev.volga.clodo.model.NewServer;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.ContractorRef;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.nodul.NodulClient;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.FeatureAlias;
import dev.volga.testkit.Faults;
import dev.volga.testkit.PoolProbe;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.Transport;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The three stubs and one client of each on ONE transport (one connection pool, watched by a
 * {@link PoolProbe}), as an application that uses all three providers would run them. Every client
 * has no client-side quota (the limiter is not what these tests look at) and fast retries with the
 * default number of attempts.
 */
final class Cluster implements AutoCloseable {

    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    /** A wait that the response timeout cuts short, with a margin for a loaded machine. */
    static final Duration BEYOND_TIMEOUT = Duration.ofSeconds(3);
    /** The default attempts (3), with short backoffs so that the tests stay fast. */
    static final RetrySettings RETRY = RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    static final String NODUL_TOKEN = "nodul-hardening-SECRET-5d1f0c77";
    static final String ENDOCS_TOKEN = "endocs-hardening-SECRET-2b9e41aa";
    static final String CLODO_USER = "hardening";
    static final String CLODO_KEY = "clodo-hardening-SECRET-8c3d2f19";

    /** The two kinds of call each provider is exercised with. */
    enum Method {
        /** An idempotent listing. */
        GET,
        /** A non-idempotent create. */
        POST
    }

    /** One provider: its stub, its client, and the two calls. */
    interface Provider {
        String name();

        /** Whether the client logs in (and so can replay after a 401). */
        boolean logsIn();

        Faults faults();

        void clearJournalAndFaults();

        /** The endpoint of a call, as the stub's faults and journal read it. */
        String path(Method method);

        /** How many requests the stub journaled on the endpoint of a call since the last clear. */
        int requests(Method method);

        /** Logins the stub has answered in all. */
        int logins();

        Mono<?> call(Method method);

        String describe(Method method);

        /** Every credential this provider's client holds or was given by its stub. */
        Set<String> secrets();

        /**
         * Successful calls, so that a session exists and a cold JVM (class loading, JIT) has warmed
         * up: the first answers of a fresh JVM on a busy machine can take longer than the response
         * timeout, which is not what the tests look at.
         */
        default void warmUp() {
            RuntimeException last = null;
            for (int i = 0; i < 5; i++) {
                try {
                    call(Method.GET).block(Duration.ofSeconds(30));
                    call(Method.GET).block(Duration.ofSeconds(30));
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            throw last;
        }
    }

    private final PoolProbe probe = PoolProbe.create();
    private final ConnectionProvider pool;
    private final Transport transport;
    private final NodulStub nodulStub;
    private final EndocsStub endocsStub;
    private final ClodoStub clodoStub;
    private final NodulClient nodul;
    private final EndocsClient endocs;
    private final ClodoClient clodo;
    private final List<Provider> providers;

    private Cluster(int maxConnections, UnaryOperator<HttpClient> customizer, Duration responseTimeout) {
        pool = probe.attach(ConnectionProvider.builder("hardening").maxConnections(maxConnections)
                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofSeconds(20))).build();
        transport = Transport.builder().connectionProvider(pool).responseTimeout(responseTimeout)
                .customize(customizer).build();

        nodulStub = NodulStub.start(NODUL_TOKEN);
        nodulStub.addPlan("Seed", Map.of("regular_microcredits", 1_000L));
        nodul = NodulClient.builder().baseUrl(nodulStub.baseUrl()).token(NODUL_TOKEN).transport(transport)
                .rateLimits(RateLimitSettings.unlimited()).retry(RETRY).build();

        endocsStub = EndocsStub.start(ENDOCS_TOKEN).noQuota();
        endocsStub.addUser("anna@example.ru", "Анна", false);
        endocsStub.addUser("boris@example.ru", "Борис", false);
        endocs = EndocsClient.builder().baseUrl(endocsStub.baseUrl()).token(Secret.of("token", ENDOCS_TOKEN))
                .transport(transport).rateLimits(RateLimitSettings.unlimited()).retry(RETRY).build();

        clodoStub = ClodoStub.builder().user(CLODO_USER, CLODO_KEY).start();
        clodoStub.addServer("main", "VirtualServer", "is_running");
        clodo = ClodoClient.builder().authUrl(clodoStub.authUrl()).user(CLODO_USER).key(Secret.of("key", CLODO_KEY))
                .format(Format.JSON).transport(transport).rateLimits(RateLimitSettings.unlimited()).retry(RETRY)
                .pollInterval(Duration.ofMillis(5)).build();

        providers = List.of(new NodulProvider(), new EndocsProvider(), new ClodoProvider());
    }

    static Cluster start(int maxConnections, UnaryOperator<HttpClient> customizer) {
        return new Cluster(maxConnections, customizer, RESPONSE_TIMEOUT);
    }

    static Cluster start(int maxConnections, Duration responseTimeout) {
        return new Cluster(maxConnections, UnaryOperator.identity(), responseTimeout);
    }

    List<Provider> providers() {
        return providers;
    }

    PoolProbe probe() {
        return probe;
    }

    NodulStub nodulStub() {
        return nodulStub;
    }

    NodulClient nodul() {
        return nodul;
    }

    EndocsClient endocs() {
        return endocs;
    }

    ClodoClient clodo() {
        return clodo;
    }

    /** A contract upsert that creates (names no entity), so it is never sent twice once it may have arrived. */
    static Mono<?> upsert(EndocsClient client, String name) {
        return client.contracts().upsert(ContractUpsert.builder().name(name)
                .organization(new OrganizationRef("org-guid", "ООО Ромашка", "7700000000", "770001001"))
                .contractor(new ContractorRef("ctr-guid", "ООО Поставщик", "5000000000", "500001001"))
                .build());
    }

    EndocsStub endocsStub() {
        return endocsStub;
    }

    ClodoStub clodoStub() {
        return clodoStub;
    }

    @Override
    public void close() {
        try {
            nodul.close();
            endocs.close();
            clodo.close();
            transport.close();
            pool.disposeLater().block(Duration.ofSeconds(10));
        } finally {
            nodulStub.close();
            endocsStub.close();
            clodoStub.close();
        }
    }

    private final class NodulProvider implements Provider {
        @Override
        public String name() {
            return "Nodul";
        }

        @Override
        public boolean logsIn() {
            return false;
        }

        @Override
        public Faults faults() {
            return nodulStub.faults();
        }

        @Override
        public void clearJournalAndFaults() {
            nodulStub.clearJournalAndFaults();
        }

        @Override
        public String path(Method method) {
            return "/plans";
        }

        @Override
        public int requests(Method method) {
            return nodulStub.requests(method.name(), path(method)).size();
        }

        @Override
        public int logins() {
            return 0;
        }

        @Override
        public Mono<?> call(Method method) {
            return method == Method.GET ? nodul.plans().list().collectList()
                    : nodul.plans().create("Matrix", List.of(Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 10_000_000L)));
        }

        @Override
        public String describe(Method method) {
            return method == Method.GET ? "plans().list()" : "plans().create(…)";
        }

        @Override
        public Set<String> secrets() {
            return Set.of(NODUL_TOKEN);
        }
    }

    private final class EndocsProvider implements Provider {
        private static final String USERS = "/api/Output/GetClientUsers";
        private static final String UPSERT = "/api/Contract/AddOrUpdateContract";

        @Override
        public String name() {
            return "EnDocs";
        }

        @Override
        public boolean logsIn() {
            return false;
        }

        @Override
        public Faults faults() {
            return endocsStub.faults();
        }

        @Override
        public void clearJournalAndFaults() {
            endocsStub.clearJournalAndFaults();
        }

        @Override
        public String path(Method method) {
            return method == Method.GET ? USERS : UPSERT;
        }

        @Override
        public int requests(Method method) {
            return endocsStub.requests(method.name(), path(method)).size();
        }

        @Override
        public int logins() {
            return 0;
        }

        @Override
        public Mono<?> call(Method method) {
            return method == Method.GET ? endocs.account().users().collectList() : upsert(endocs, "Договор поставки");
        }

        @Override
        public String describe(Method method) {
            return method == Method.GET ? "account().users()" : "contracts().upsert(new)";
        }

        @Override
        public Set<String> secrets() {
            return Set.of(ENDOCS_TOKEN);
        }
    }

    private final class ClodoProvider implements Provider {
        private final Set<String> tokens = ConcurrentHashMap.newKeySet();

        @Override
        public String name() {
            return "Clodo";
        }

        @Override
        public boolean logsIn() {
            return true;
        }

        @Override
        public Faults faults() {
            return clodoStub.faults();
        }

        @Override
        public void clearJournalAndFaults() {
            collectTokens();
            clodoStub.clearJournalAndFaults();
        }

        @Override
        public String path(Method method) {
            return "/v1/servers";
        }

        @Override
        public int requests(Method method) {
            return clodoStub.requests(method.name(), path(method)).size();
        }

        @Override
        public int logins() {
            return clodoStub.logins();
        }

        @Override
        public Mono<?> call(Method method) {
            return method == Method.GET ? clodo.servers().list().collectList()
                    : clodo.servers().create(NewServer.builder().name("matrix").memory(512).hdd(5).image(541).build());
        }

        @Override
        public String describe(Method method) {
            return method == Method.GET ? "servers().list()" : "servers().create(…)";
        }

        @Override
        public Set<String> secrets() {
            collectTokens();
            Set<String> all = new java.util.HashSet<>(tokens);
            all.add(CLODO_KEY);
            return all;
        }

        private void collectTokens() {
            clodoStub.journal().forEach(r -> r.header("X-Auth-Token").ifPresent(tokens::add));
        }
    }
}
