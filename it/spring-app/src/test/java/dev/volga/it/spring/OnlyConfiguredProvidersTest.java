package dev.volga.it.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.testkit.nodul.NodulStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Only Nodul has properties: only Nodul has a client bean and a health indicator. */
@SpringBootTest
class OnlyConfiguredProvidersTest {

    static final NodulStub NODUL = NodulStub.start();

    @DynamicPropertySource
    static void volga(DynamicPropertyRegistry registry) {
        registry.add("volga.nodul.base-url", NODUL::baseUrl);
        registry.add("volga.nodul.token", NODUL::token);
    }

    @AfterAll
    static void stop() {
        NODUL.close();
    }

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
