package dev.volga.it.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.spring.test.AutoConfigureVolgaStubs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Only Nodul has properties: only Nodul has a client bean and a health indicator. */
@SpringBootTest
@AutoConfigureVolgaStubs(endocs = false, clodo = false)
class OnlyConfiguredProvidersTest {

    @Autowired
    ApplicationContext context;

    @Test
    void beansOnlyForConfiguredProviders() {
        assertThat(context.getBeansOfType(NodulClient.class)).hasSize(1);
        assertThat(context.getBeansOfType(EndocsClient.class)).isEmpty();
        assertThat(context.getBeansOfType(ClodoClient.class)).isEmpty();
        assertThat(context.containsBean("nodulClientHealthIndicator")).isTrue();
        assertThat(context.containsBean("endocsClientHealthIndicator")).isFalse();
    }
}
