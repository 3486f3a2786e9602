package dev.volga.clodo;

import dev.volga.api.RateLimitSettings;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The credential style shared by the three clients: the key as a plain string, wrapped at once. */
@ExtendWith(NoLeaks.class)
class CredentialStyleTest {

    @Test
    void aMissingOrBlankKeyIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> ClodoClient.builder().key((String) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> ClodoClient.builder().key(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    }

    @Test
    void aPlainStringKeyLogsIn() {
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = ClodoClient.builder().authUrl(stub.authUrl()).user(Fixture.USER).key(Fixture.KEY)
                     .rateLimits(RateLimitSettings.unlimited()).build()) {
            assertThat(clodo.servers().list().collectList().block(Duration.ofSeconds(10))).isNotNull();
            assertThat(stub.logins()).isEqualTo(1);
        }
    }
}
