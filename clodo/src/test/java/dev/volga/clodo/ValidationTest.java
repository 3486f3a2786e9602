package dev.volga.clodo;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.clodo.model.DnsZoneChanges;
import dev.volga.clodo.model.NewServer;
import dev.volga.clodo.model.NewTicket;
import dev.volga.clodo.model.ProfileUpdate;
import dev.volga.clodo.model.RateLimitInfo;
import dev.volga.clodo.model.ServerAction;
import dev.volga.clodo.model.ServerChanges;
import dev.volga.clodo.model.ServerType;
import dev.volga.clodo.model.StorageSettings;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad arguments fail at the call, before any request leaves; the default and loaded limits. */
@ExtendWith(NoLeaks.class)
class ValidationTest {

    @Test
    void badArgumentsFailBeforeAnyIo() {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            Instant now = Instant.parse("2024-01-01T00:00:00Z");
            List<Executable> calls = List.of(
                () -> clodo.servers().get(0),
                () -> clodo.servers().delete(-1),
                () -> clodo.servers().stats(1, now, now.minusSeconds(1)),
                () -> clodo.servers().rebuild(1, 0, false),
                () -> clodo.servers().create(null),
                () -> clodo.servers().create(NewServer.builder().name("x").memory(512).hdd(5).image(1).build(), " "),
                () -> clodo.ips().delete(1, "not-an-ip"),
                () -> clodo.ips().move(1, ""),
                () -> clodo.ips().add(1, "evil/../path"),
                () -> clodo.backups().schedule(1, "2", Set.of(8), LocalTime.NOON),
                () -> clodo.backups().restore(1, " "),
                () -> clodo.backups().restoreProgress(1, 0),
                () -> clodo.dns().createZone(""),
                () -> clodo.dns().deleteRecord(1, 0),
                () -> clodo.helpdesk().reply(1, " "),
                () -> clodo.storages().create(StorageSettings.builder().cacheExpires("off").build()),
                () -> clodo.requests().get(0),
                () -> clodo.billing().operations(now, now.minusSeconds(5)));
            for (Executable call : calls) {
                assertThrows(RuntimeException.class, call);
            }
            assertThat(stub.journal()).as("nothing was sent, not even a login").isEmpty();
        }
    }

    @Test
    void requestModelsCheckTheDocumentedRules() {
        assertThatThrownBy(() -> NewServer.builder().memory(512).hdd(5).image(1).build()).hasMessageContaining("name");
        assertThatThrownBy(() -> NewServer.builder().name("x").memory(512).hdd(5).build()).hasMessageContaining("exactly one of imageId and presetId");
        assertThatThrownBy(() -> NewServer.builder().name("x").memory(512).hdd(5).image(1).preset(62, Map.of()).build())
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> NewServer.builder().name("x").type("Big").memory(512).hdd(5).image(1).build()).hasMessageContaining("type");
        assertThatThrownBy(() -> NewServer.builder().name("x").memory(512).memoryMax(256).hdd(5).image(1).build()).hasMessageContaining("memoryMax");
        assertThatThrownBy(() -> NewServer.builder().name("x").memory(512).hdd(5).image(1).abonement(2).build()).hasMessageContaining("abonement");
        assertThatThrownBy(() -> NewServer.builder().name("x").memory(512).hdd(5).image(1).payHourly(true).abonement(3).build())
                .hasMessageContaining("hourly");
        assertThatThrownBy(() -> NewServer.builder().name("x").memory(512).hdd(5).image(1).admin(4).build()).hasMessageContaining("admin");
        assertThat(NewServer.builder().name("x").type(ServerType.SCALE).memory(512).memoryMax(1024).hdd(5).preset(62, Map.of("login", "admin1")).build()
                .presetParams()).containsEntry("login", "admin1");

        assertThatThrownBy(() -> ServerChanges.builder().build()).hasMessageContaining("no change");
        assertThatThrownBy(() -> ServerChanges.builder().swapSize(64)).hasMessageContaining("128..6144");
        assertThatThrownBy(() -> ServerChanges.builder().memBlockSize(4096)).hasMessageContaining("1..2048");
        assertThatThrownBy(() -> ServerChanges.cancelScheduledChange("all")).hasMessageContaining("params or period");
        assertThatThrownBy(() -> ServerChanges.delayNewConfig(24)).hasMessageContaining("0..23");
        assertThat(ServerChanges.abonementDisabled(true).fields()).containsExactly(Map.entry("vps_abonement_disabled", 1));

        assertThatThrownBy(() -> new ServerAction("shutdown", null, null)).hasMessageContaining("unknown action");
        assertThatThrownBy(() -> new ServerAction("start", 5L, null)).hasMessageContaining("only rebuild");
        assertThatThrownBy(() -> new NewTicket(1, " ", "text", 0, 0)).hasMessageContaining("subject");
        assertThatThrownBy(() -> ProfileUpdate.builder().set("password", "x")).hasMessageContaining("not a profile field");
        assertThatThrownBy(() -> DnsZoneChanges.builder().add("www", "A", "1.2.3.4", 0, null)).hasMessageContaining("ttl");
        assertThat(DnsZoneChanges.builder().add("a", "A", "1.1.1.1", 60, null).add("b", "MX", "mx", 60, 10).build().fields())
                .containsKeys("name_0", "name_01", "prio_01");
    }

    @Test
    void theBuilderRefusesIncompleteOrInvalidSettings() {
        assertThatThrownBy(() -> ClodoClient.builder().key(Secret.of("key", "k")).build()).hasMessageContaining("user");
        assertThatThrownBy(() -> ClodoClient.builder().user("jdoe").build()).hasMessageContaining("key");
        assertThatThrownBy(() -> ClodoClient.builder().authUrl("ftp://api.clodo.ru")).hasMessageContaining("http");
        assertThatThrownBy(() -> ClodoClient.builder().refreshSkew(Duration.ofMinutes(20))).hasMessageContaining("refreshSkew");
        assertThatThrownBy(() -> ClodoClient.builder().connectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> ClodoClient.builder().user(" ")).hasMessageContaining("user");
    }

    @Test
    void aSharedLimiterIsUsedAsGivenAndItsLimitsAreNotReplaced() {
        dev.volga.transport.spi.RateLimiter shared = dev.volga.transport.spi.RateLimiter.create("clodo", ClodoClient.defaultRateLimits());
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).rateLimiter(shared).build()) {
            assertThat(clodo.rateLimiter()).isSameAs(shared);
            assertThatThrownBy(() -> clodo.limits().current()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("shared rate limiter");
            assertThatThrownBy(() -> clodo.limits().load().block(Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("shared rate limiter");
            assertThat(stub.requests("GET", "/v1/limits")).isEmpty();
        }
        try (dev.volga.transport.Transport transport = dev.volga.transport.Transport.create()) {
            assertThatThrownBy(() -> ClodoClient.builder().user("u").key(Secret.of("key", "k"))
                    .transport(transport).connectTimeout(Duration.ofSeconds(1)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("connectTimeout");
        }
    }

    @Test
    void defaultLimitsAreTheSpecsPerVerbTable() {
        RateLimitSettings limits = ClodoClient.defaultRateLimits();
        assertThat(limits.limits()).extracting(RateLimit::name, RateLimit::permits, RateLimit::period).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST *", 10, Duration.ofMinutes(1)),
                org.assertj.core.groups.Tuple.tuple("POST */servers", 50, Duration.ofDays(1)),
                org.assertj.core.groups.Tuple.tuple("PUT *", 10, Duration.ofMinutes(1)),
                org.assertj.core.groups.Tuple.tuple("DELETE *", 60, Duration.ofMinutes(1)),
                org.assertj.core.groups.Tuple.tuple("GET *", 60, Duration.ofMinutes(1)));
        RateLimit servers = limits.limits().get(1);
        assertThat(servers.matches("POST", "/servers")).isTrue();
        assertThat(servers.matches("POST", "/servers/5/action")).as("URI */servers: creation only").isFalse();
        assertThat(servers.matches("POST", "/stats/5")).isFalse();
        assertThat(servers.matches("GET", "/servers")).isFalse();
    }

    @Test
    void reportedLimitsBecomeClientLimits() {
        RateLimitSettings s = Limits.toSettings(List.of(
                new RateLimitInfo("GET", "*", ".*", 100, 99, "MINUTE", null),
                new RateLimitInfo("POST", "*/servers", " ^/servers", 500, 500, "DAY", null),
                new RateLimitInfo("PUT", "*/dns", "^/dns$", 5, 5, "HOUR", null),
                new RateLimitInfo("DELETE", null, "^/storage", 7, 7, "MINUTE", null)));
        assertThat(s.limits()).extracting(RateLimit::methods, RateLimit::pathPattern, RateLimit::permits, RateLimit::period).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Set.of("GET"), null, 100, Duration.ofMinutes(1)),
                org.assertj.core.groups.Tuple.tuple(Set.of("POST"), "/servers", 500, Duration.ofDays(1)),
                org.assertj.core.groups.Tuple.tuple(Set.of("PUT"), "/dns", 5, Duration.ofHours(1)),
                org.assertj.core.groups.Tuple.tuple(Set.of("DELETE"), "/storage/**", 7, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> Limits.toSettings(List.of(new RateLimitInfo("GET", "/a|b", "^/a|b", 1, 1, "MINUTE", null))))
                .hasMessageContaining("cannot express");
        assertThatThrownBy(() -> Limits.toSettings(List.of(new RateLimitInfo("GET", "*", ".*", 1, 1, "WEEK", null))))
                .hasMessageContaining("unit");
    }
}
