package dev.volga.endocs;

import dev.volga.api.RateLimitSettings;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The credential style shared by the three clients: the token as a plain string, wrapped at once. */
@ExtendWith(NoLeaks.class)
class CredentialStyleTest {

    @Test
    void aMissingOrBlankTokenIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> EndocsClient.builder().token((String) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> EndocsClient.builder().token(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
    }

    @Test
    void aPlainStringTokenAuthenticates() {
        try (EndocsStub stub = EndocsStub.start();
             EndocsClient client = EndocsClient.builder().baseUrl(stub.baseUrl()).token(stub.token())
                     .rateLimits(RateLimitSettings.unlimited()).retry(Fixtures.FAST_RETRY).build()) {
            assertThat(client.account().info().block(Duration.ofSeconds(10))).isNotNull();
            assertThat(client.toString()).doesNotContain(stub.token());
        }
    }
}
