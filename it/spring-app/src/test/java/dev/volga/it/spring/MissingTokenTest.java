package dev.volga.it.spring;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A provider group without its token does not start, and says which property is missing. */
class MissingTokenTest {

    @Test
    void aMissingTokenFailsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SpringApp.class).web(WebApplicationType.NONE)
                .properties("volga.endocs.base-url=http://127.0.0.1:9", "volga.clodo.user=jdoe",
                        "volga.clodo.key=CLODO-SECRET-KEY", "volga.clodo.base-url=http://127.0.0.1:9")
                .run().close())
                .rootCause().hasMessageContaining("volga.endocs.token").hasMessageNotContaining("CLODO-SECRET-KEY");
    }
}
