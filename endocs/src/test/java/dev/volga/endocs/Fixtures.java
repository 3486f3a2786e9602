package dev.volga.endocs;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.endocs.model.ContractorRef;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.testkit.endocs.EndocsStub;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Shared set-up of the EnDocs tests. */
final class Fixtures {

    /** Retries without waiting long. */
    static final RetrySettings FAST_RETRY = RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private Fixtures() {
    }

    /** A client of the stub without a client-side quota (the stub's quota is off in these tests). */
    static EndocsClient.Builder client(EndocsStub stub) {
        return EndocsClient.builder()
                .baseUrl(stub.baseUrl())
                .token(Secret.of("token", stub.token()))
                .rateLimits(RateLimitSettings.unlimited())
                .retry(FAST_RETRY);
    }

    static OrganizationRef org() {
        return new OrganizationRef("org-1c-guid", "ООО Ромашка", "7700000000", "770001001");
    }

    static ContractorRef contractor() {
        return new ContractorRef("ctr-1c-guid", "ООО Поставщик", "5000000000", "500001001");
    }

    /** Polls (real time, bounded) until a condition holds. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
