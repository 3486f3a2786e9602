package dev.volga.testkit;

import java.util.List;

/**
 * What every provider stub ({@code NodulStub}, {@code EndocsStub}, {@code ClodoStub}) offers beyond
 * its own seeding and switches: where it listens, its journal, faults and quota, and reset. Shared
 * tests (the conformance base) and the admin API work on this type, so a new provider's stub gets
 * them by implementing it.
 */
public interface ProviderStub extends AutoCloseable {

    /**
     * The base URL a client is configured with.
     *
     * @return e.g. {@code http://127.0.0.1:43123}
     */
    String baseUrl();

    /**
     * The underlying HTTP stub server (its routes, scripts, faults and admin API).
     *
     * @return the server
     */
    StubServer server();

    /**
     * The fault injection of this stub.
     *
     * @return the faults
     */
    Faults faults();

    /**
     * Assertions over the journal.
     *
     * @return fluent assertions
     */
    JournalAssertions verify();

    /**
     * Every request received so far, in arrival order.
     *
     * @return the journal
     */
    List<RecordedRequest> journal();

    /**
     * The received requests matching a method and path pattern.
     *
     * @param method the method, or {@code *}
     * @param pathPattern the path pattern (see {@link StubServer#route})
     * @return the matching requests, in arrival order
     */
    List<RecordedRequest> requests(String method, String pathPattern);

    /**
     * Enforces a quota from now on, answered with the provider's 429.
     *
     * @param quota the quota
     * @return this stub
     */
    ProviderStub quota(Quota quota);

    /**
     * Enforces no quota from now on.
     *
     * @return this stub
     */
    ProviderStub noQuota();

    /**
     * How many requests the quota refused.
     *
     * @return the count
     */
    int tooManyRequestsSent();

    /** Forgets all state, faults, scripts and the journal, and restores the switches' defaults. */
    void reset();

    /** Forgets the journal and the faults, keeping the state. */
    void clearJournalAndFaults();

    /** Stops the stub and closes its connections. */
    @Override
    void close();
}
