package dev.volga.spring;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.redis.RedisSharedState;
import dev.volga.redis.UnavailablePolicy;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.transport.Transport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code volga.*} default is the library's: read from the library's public constants and
 * default factories, never from a copy. Every property of {@link VolgaProperties} is listed, so a
 * new one fails here until its default is compared; the IDE metadata's defaults are held to the
 * same values.
 */
class VolgaDefaultsTest {

    /** What each property's default is in the library; null where the starter leaves it to the library. */
    private static Map<String, Object> libraryDefaults() {
        RetrySettings retry = RetrySettings.defaults();
        RateLimitSettings endocs = EndocsClient.defaultRateLimits();
        RateLimit endocsLimit = endocs.limits().get(0);
        Map<String, Object> expected = new TreeMap<>();
        expected.put("transport.connect-timeout", Transport.DEFAULT_CONNECT_TIMEOUT);
        expected.put("transport.response-timeout", Transport.DEFAULT_RESPONSE_TIMEOUT);
        expected.put("transport.max-response-size", Transport.DEFAULT_MAX_RESPONSE_SIZE);
        expected.put("transport.use-spring-resources", true); // the starter's own: no library counterpart
        for (String provider : new String[] {"nodul", "endocs", "clodo"}) {
            expected.put(provider + ".enabled", true); // the starter's own
            expected.put(provider + ".base-url", null); // unset: the builder's own default URL applies
            expected.put(provider + ".response-timeout", null); // unset: the transport's applies, as in the library
            expected.put(provider + ".retry.max-attempts", retry.maxAttempts());
            expected.put(provider + ".retry.first-backoff", retry.firstBackoff());
            expected.put(provider + ".retry.max-backoff", retry.maxBackoff());
            expected.put(provider + ".retry.jitter", retry.jitter());
        }
        expected.put("nodul.token", null); // required: no default
        expected.put("endocs.token", null);
        expected.put("endocs.rate-limit.permits", endocsLimit.permits());
        expected.put("endocs.rate-limit.period", endocsLimit.period());
        expected.put("endocs.rate-limit.burst", endocsLimit.burst());
        expected.put("endocs.rate-limit.max-queue", endocs.maxQueue());
        expected.put("clodo.user", null);
        expected.put("clodo.key", null);
        expected.put("clodo.format", ClodoClient.DEFAULT_FORMAT);
        expected.put("clodo.refresh-skew", ClodoClient.DEFAULT_REFRESH_SKEW);
        expected.put("propagate-trace", false); // ClientBuilder.propagateTrace: off, third-party APIs
        expected.put("redis.uri", null); // fleet mode is off until it is set
        expected.put("redis.key-prefix", RedisSharedState.DEFAULT_KEY_PREFIX);
        expected.put("redis.when-unavailable", RedisSharedState.DEFAULT_WHEN_UNAVAILABLE);
        expected.put("redis.expected-instances", null); // the library has none either: LOCAL_FALLBACK needs it set
        expected.put("redis.command-timeout", RedisSharedState.DEFAULT_COMMAND_TIMEOUT);
        expected.put("redis.connect-timeout", RedisSharedState.DEFAULT_CONNECT_TIMEOUT);
        return expected;
    }

    @Test
    void everyDefaultIsTheLibrarys() throws Exception {
        Map<String, Object> actual = new TreeMap<>();
        walk("", new VolgaProperties(), actual);
        Map<String, Object> expected = libraryDefaults();
        // enums of the starter's own stand for the library's by name
        actual.replaceAll((k, v) -> v instanceof VolgaProperties.WhenUnavailable w ? UnavailablePolicy.valueOf(w.name()) : v);
        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void theStartersPolicyEnumIsTheLibrarys() {
        assertThat(Arrays.stream(VolgaProperties.WhenUnavailable.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(UnavailablePolicy.values()).map(Enum::name).toList());
    }

    @Test
    void theIdeMetadataOffersTheSameDefaultsAndTheEnumsValues() throws Exception {
        JsonNode metadata;
        try (InputStream in = VolgaProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Map<String, Object> expected = libraryDefaults();
        Map<String, JsonNode> byName = new HashMap<>();
        metadata.path("properties").forEach(p -> byName.put(p.path("name").asString(), p));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            JsonNode property = byName.get("volga." + e.getKey());
            assertThat(property).as("metadata of volga.%s", e.getKey()).isNotNull();
            JsonNode value = property.get("defaultValue");
            if (value == null || value.isNull()) {
                continue; // the processor could not evaluate the initialiser: no default offered, none wrong
            }
            if (e.getValue() instanceof Enum<?> en) { // the processor writes enum defaults in kebab case
                assertThat(value.asString().toUpperCase(Locale.ROOT).replace('-', '_')).as("IDE default of volga.%s", e.getKey())
                        .isEqualTo(en.name());
            } else if (e.getValue() instanceof Duration d) {
                assertThat(DurationStyle.detectAndParse(value.asString())).as("IDE default of volga.%s", e.getKey()).isEqualTo(d);
            } else {
                assertThat(value.asString()).as("IDE default of volga.%s", e.getKey()).isEqualTo(String.valueOf(e.getValue()));
            }
        }
        assertThat(byName.get("volga.redis.when-unavailable").path("type").asString())
                .as("bound as an enum, so that the IDE offers its values").isEqualTo(VolgaProperties.WhenUnavailable.class.getName());
    }

    @Test
    void fleetModeStartsWithTheDefaultKeyPrefixAgainstARealRedis() throws Exception {
        try (RedisServer redis = RedisServer.start(); EndocsStub endocs = EndocsStub.start()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(VolgaRedisAutoConfiguration.class, VolgaAutoConfiguration.class))
                    .withPropertyValues("volga.redis.uri=" + redis.uri(), "volga.endocs.base-url=" + endocs.baseUrl(),
                            "volga.endocs.token=" + endocs.token(),
                            // a cold JVM's first Lettuce connection on a loaded 2-core machine can take over the default 2 s
                            "volga.redis.connect-timeout=15s")
                    .run(ctx -> {
                        assertThat(ctx).hasNotFailed().hasSingleBean(RedisSharedState.class);
                        assertThat(ctx.getBean(RedisSharedState.class).toString()).contains("prefix=volga,").contains("FAIL");
                        assertThat(ctx.getBean(EndocsClient.class).account().info().block(Duration.ofSeconds(10))).isNotNull();
                        assertThat(redis.command("KEYS", "volga:*")).as("the quota lives in Redis").isNotBlank();
                    });
        }
    }

    /** Collects every bound property's default, as the binder sees them (getter names in kebab case). */
    private static void walk(String prefix, Object bean, Map<String, Object> out) throws Exception {
        Method[] getters = bean.getClass().getMethods();
        Arrays.sort(getters, Comparator.comparing(Method::getName));
        for (Method m : getters) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = m.getName().startsWith("get") ? m.getName().substring(3)
                    : m.getName().startsWith("is") ? m.getName().substring(2) : null;
            if (name == null) {
                continue;
            }
            String key = prefix + kebab(name);
            Object value = m.invoke(bean);
            if (m.getReturnType().getName().startsWith(VolgaProperties.class.getName() + "$") && !m.getReturnType().isEnum()) {
                walk(key + ".", value, out);
            } else {
                out.put(key, value);
            }
        }
    }

    private static String kebab(String camel) {
        StringBuilder s = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c) && !s.isEmpty()) {
                s.append('-');
            }
            s.append(Character.toLowerCase(c));
        }
        return s.toString().toLowerCase(Locale.ROOT);
    }
}
