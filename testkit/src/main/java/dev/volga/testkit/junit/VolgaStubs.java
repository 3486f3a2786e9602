package dev.volga.testkit.junit;

import dev.volga.testkit.NoLeaks;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against in-process Volga provider stubs: registers {@link VolgaStubsExtension}
 * (start, inject, reset, close; see there for the rules) and {@link NoLeaks} (fail the class on a
 * Netty leak reported while it ran).
 *
 * <pre>{@code
 * @VolgaStubs
 * class BillingTest {
 *     @Test
 *     void listsPlans(NodulStub nodul) {
 *         try (NodulClient client = NodulClient.builder().baseUrl(nodul.baseUrl()).token(nodul.token()).build()) {
 *             nodul.addPlan("Basic", Map.of());
 *             assertThat(client.plans().list().collectList().block()).hasSize(1);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The leak check runs after all tests of the class, once its stubs are closed. It only finds
 * something when the test JVM runs with
 * {@code -Dio.netty.customResourceLeakDetector=dev.volga.testkit.LeakDetection} (and, to catch
 * every buffer, {@code -Dio.netty.leakDetection.level=paranoid}); without them it passes at no
 * cost worth mentioning. A class that wants the stubs without the leak check uses
 * {@code @ExtendWith(VolgaStubsExtension.class)} instead of this annotation.
 *
 * <p>The Clodo stub accepts the login {@link #CLODO_USER} with the key {@link #CLODO_KEY}; the
 * Nodul and EnDocs stubs' tokens are read from the injected stub ({@code token()}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
// Order matters: after-all callbacks run in reverse, so the stubs are closed before the leak check.
@ExtendWith(NoLeaks.class)
@ExtendWith(VolgaStubsExtension.class)
public @interface VolgaStubs {

    /** The login the Clodo stub started by the extension accepts. */
    String CLODO_USER = "volga-test";

    /** The API key of {@link #CLODO_USER} on the Clodo stub started by the extension (a test value, not a secret). */
    String CLODO_KEY = "volga-test-key";
}
