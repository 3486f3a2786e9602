package dev.volga.clodo;

import static dev.volga.testkit.conformance.BadArgument.iae;
import static dev.volga.testkit.conformance.BadArgument.npe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.clodo.model.DnsZoneChanges;
import dev.volga.clodo.model.NewServer;
import dev.volga.clodo.model.NewTicket;
import dev.volga.clodo.model.ProfileUpdate;
import dev.volga.clodo.model.ServerAction;
import dev.volga.clodo.model.ServerChanges;
import dev.volga.clodo.model.ServerStatus;
import dev.volga.clodo.model.StorageSettings;
import dev.volga.clodo.model.Server;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.conformance.BadArgument;
import dev.volga.testkit.conformance.ClientConformanceTest;
import dev.volga.transport.Transport;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * The testkit's conformance suite against the Clodo client (JSON; the XML variants are in
 * {@link FaultsTest} and {@link HostileInputTest}): every fault, hostile answers and bad arguments
 * (issue #8: every public method that takes arguments, called with a null, blank or out-of-range
 * value, fails naming the parameter and sends nothing, not even a login). The read lists the
 * servers, the write creates one ({@code POST /v1/servers}, whose answer has a body to cut); the
 * client logs in once for all of it.
 */
class ClodoConformanceTest extends ClientConformanceTest<ClodoClient, Transport> {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2025-02-01T00:00:00Z");
    private static final Duration SEC = Duration.ofSeconds(1);

    private ClodoStub stub;

    @Override
    protected AutoCloseable startStub() {
        stub = Fixture.stub().start();
        stub.addServer("main", "VirtualServer", "is_running");
        return stub;
    }

    @Override
    protected String secret() {
        return Fixture.KEY;
    }

    @Override
    protected Transport transport(ConnectionProvider pool, Duration responseTimeout) {
        return Transport.builder().connectionProvider(pool).responseTimeout(responseTimeout).build();
    }

    @Override
    protected ClodoClient client(Transport transport, RetrySettings retry) {
        return Fixture.client(stub, Format.JSON).transport(transport).retry(retry).build();
    }

    @Override
    protected Mono<?> read(ClodoClient client) {
        return client.servers().list().collectList()
                .doOnNext(servers -> assertThat(servers).extracting(Server::name).contains("main"));
    }

    @Override
    protected String readPattern() {
        return "/v1/servers/**";
    }

    @Override
    protected Mono<?> write(ClodoClient client) {
        return client.servers().create(newServer().name("conformance-web").build());
    }

    @Override
    protected String writePattern() {
        return "/v1/servers";
    }

    @Override
    protected String writeBodyMarker() {
        return "conformance-web";
    }

    @Override
    protected int entityCount() {
        return stub.serverIds().size();
    }

    @Override
    protected String readAnswer(String text) {
        return "{\"servers\":[{\"id\":1,\"name\":\"" + text + "\"}]}";
    }

    @Override
    protected int readsSentOnAPersistent401() {
        return 2; // the refused request, then its replay after a fresh login
    }

    @Override
    protected int requestsOfAFirstRead() {
        return 2; // the login, then the list
    }

    @Override
    protected void verifyAuthentication(JournalAssertions verify) {
        verify.exactlyOneLogin();
    }

    @Override
    protected List<String> foreignContentTypes() {
        return List.of("text/html"); // the client reads XML answers too
    }

    @Override
    protected List<CredentialSetter> credentialSetters() {
        return List.of(
                new CredentialSetter("builder.key(Secret)", "key", key -> ClodoClient.builder().key(Secret.of("key", key))),
                new CredentialSetter("builder.key(String)", "key", key -> ClodoClient.builder().key(key)),
                new CredentialSetter("builder.user", "user", user -> ClodoClient.builder().user(user)));
    }

    @Test
    void anAuthUrlWithUserInfoIsRefusedWithoutEchoingIt() {
        Throwable url = catchThrowable(() -> ClodoClient.builder().authUrl("https://jdoe:s3cr3t@api.clodo.ru/"));
        assertThat(url).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authUrl");
        assertThat(url.getMessage()).doesNotContain("s3cr3t");
    }

    private static NewServer.Builder newServer() {
        return NewServer.builder().name("web").memory(512).hdd(5).image(541);
    }

    @Override
    protected List<BadArgument> badArguments() {
        return Stream.of(servers(), backups(), ips(), dns(), helpdesk(), others(), models(), builder()).flatMap(s -> s).toList();
    }

    private Stream<BadArgument> servers() {
        return Stream.of(
                iae("servers.get zero id", "server id", () -> client().servers().get(0)),
                npe("servers.create null", "server", () -> client().servers().create(null)),
                npe("servers.create(apiHost) null server", "server", () -> client().servers().create(null, "api.example")),
                npe("servers.create(apiHost) null apiHost", "apiHost", () -> client().servers().create(newServer().build(), null)),
                iae("servers.create(apiHost) blank apiHost", "apiHost", () -> client().servers().create(newServer().build(), " ")),
                iae("servers.modify negative id", "server id",
                        () -> client().servers().modify(-1, ServerChanges.builder().hdd(10).build())),
                npe("servers.modify null changes", "changes", () -> client().servers().modify(1, null)),
                iae("servers.delete zero id", "server id", () -> client().servers().delete(0)),
                iae("servers.changeType zero id", "server id", () -> client().servers().changeType(0, null)),
                npe("servers.changeType null payType", "payType", () -> client().servers().changeType(1, null)),
                iae("servers.action zero id", "server id", () -> client().servers().action(0, ServerAction.START)),
                npe("servers.action null action", "action", () -> client().servers().action(1, null)),
                iae("servers.start zero id", "server id", () -> client().servers().start(0)),
                iae("servers.stop negative id", "server id", () -> client().servers().stop(-2)),
                iae("servers.reboot zero id", "server id", () -> client().servers().reboot(0)),
                iae("servers.rebuild zero id", "server id", () -> client().servers().rebuild(0, 541, false)),
                iae("servers.rebuild zero imageId", "imageId", () -> client().servers().rebuild(1, 0, false)),
                iae("servers.stats zero id", "server id", () -> client().servers().stats(0, T0, T1)),
                npe("servers.stats null from", "from", () -> client().servers().stats(1, null, T1)),
                npe("servers.stats null to", "to", () -> client().servers().stats(1, T0, null)),
                iae("servers.stats to before from", "from", () -> client().servers().stats(1, T1, T0)),
                iae("servers.log zero id", "server id", () -> client().servers().log(0)),
                npe("servers.awaitStatus null target", "target", () -> client().servers().awaitStatus(1, null, SEC)),
                iae("servers.awaitStatus zero id", "server id", () -> client().servers().awaitStatus(0, ServerStatus.RUNNING, SEC)),
                npe("servers.awaitStatus null timeout", "timeout",
                        () -> client().servers().awaitStatus(1, ServerStatus.RUNNING, null)),
                iae("servers.awaitStatus negative timeout", "timeout",
                        () -> client().servers().awaitStatus(1, ServerStatus.RUNNING, Duration.ofSeconds(-1))));
    }

    private Stream<BadArgument> backups() {
        return Stream.of(
                iae("backups.list zero serverId", "server id", () -> client().backups().list(0)),
                iae("backups.create negative serverId", "server id", () -> client().backups().create(-1)),
                iae("backups.overwrite zero serverId", "server id", () -> client().backups().overwrite(0, "f")),
                iae("backups.overwrite blank file", "file", () -> client().backups().overwrite(1, " ")),
                npe("backups.delete null file", "file", () -> client().backups().delete(1, null)),
                iae("backups.delete zero serverId", "server id", () -> client().backups().delete(0, "f")),
                iae("backups.restore blank file", "file", () -> client().backups().restore(1, "")),
                iae("backups.restore zero serverId", "server id", () -> client().backups().restore(0, "f")),
                iae("backups.restoreProgress zero request", "request id", () -> client().backups().restoreProgress(1, 0)),
                iae("backups.restoreProgress zero serverId", "server id", () -> client().backups().restoreProgress(0, 1)),
                npe("backups.awaitRestore null timeout", "timeout", () -> client().backups().awaitRestore(1, 1, null)),
                iae("backups.awaitRestore zero timeout", "timeout", () -> client().backups().awaitRestore(1, 1, Duration.ZERO)),
                iae("backups.awaitRestore zero request", "request id", () -> client().backups().awaitRestore(1, 0, SEC)),
                iae("backups.schedule blank file", "file", () -> client().backups().schedule(1, " ", Set.of(1), LocalTime.NOON)),
                npe("backups.schedule null days", "days", () -> client().backups().schedule(1, "f", null, LocalTime.NOON)),
                iae("backups.schedule day 8", "days", () -> client().backups().schedule(1, "f", Set.of(8), LocalTime.NOON)),
                iae("backups.schedule null day", "days",
                        () -> client().backups().schedule(1, "f", new HashSet<>(Arrays.asList(1, null)), LocalTime.NOON)),
                npe("backups.schedule null time", "time", () -> client().backups().schedule(1, "f", Set.of(1), null)),
                iae("backups.schedule zero serverId", "server id",
                        () -> client().backups().schedule(0, "f", Set.of(1), LocalTime.NOON)),
                npe("backups.describe null description", "description", () -> client().backups().describe(1, "f", null)),
                iae("backups.describe blank file", "file", () -> client().backups().describe(1, " ", "d")),
                iae("backups.describe zero serverId", "server id", () -> client().backups().describe(0, "f", "d")));
    }

    private Stream<BadArgument> ips() {
        return Stream.of(
                iae("ips.list zero serverId", "server id", () -> client().ips().list(0)),
                iae("ips.add zero serverId", "server id", () -> client().ips().add(0)),
                iae("ips.add(subnet) zero serverId", "server id", () -> client().ips().add(0, "29")),
                npe("ips.add null subnet", "subnet", () -> client().ips().add(1, null)),
                iae("ips.add bad subnet", "subnet", () -> client().ips().add(1, "a/b")),
                npe("ips.delete null ip", "ip", () -> client().ips().delete(1, null)),
                iae("ips.delete bad ip", "ip", () -> client().ips().delete(1, "example.org")),
                iae("ips.delete zero serverId", "server id", () -> client().ips().delete(0, "10.0.0.1")),
                iae("ips.move blank ip", "ip", () -> client().ips().move(1, " ")),
                iae("ips.move zero serverId", "server id", () -> client().ips().move(0, "10.0.0.1")),
                iae("ips.subnets zero serverId", "server id", () -> client().ips().subnets(0)));
    }

    private Stream<BadArgument> dns() {
        return Stream.of(
                npe("dns.createZone null domain", "domain", () -> client().dns().createZone(null)),
                iae("dns.createZone blank domain", "domain", () -> client().dns().createZone(" ")),
                iae("dns.createSlaveZone blank domain", "domain", () -> client().dns().createSlaveZone("", "10.0.0.1")),
                npe("dns.createSlaveZone null masterAddress", "masterAddress", () -> client().dns().createSlaveZone("a.ru", null)),
                iae("dns.deleteZone zero zoneId", "zone id", () -> client().dns().deleteZone(0)),
                iae("dns.zone negative zoneId", "zone id", () -> client().dns().zone(-1)),
                iae("dns.updateZone zero zoneId", "zone id",
                        () -> client().dns().updateZone(0, DnsZoneChanges.builder().master("10.0.0.1").build())),
                npe("dns.updateZone null changes", "changes", () -> client().dns().updateZone(1, null)),
                iae("dns.deleteRecord zero zoneId", "zone id", () -> client().dns().deleteRecord(0, 1)),
                iae("dns.deleteRecord zero recordId", "record id", () -> client().dns().deleteRecord(1, 0)),
                iae("DnsZoneChanges.master blank", "address", () -> DnsZoneChanges.builder().master(" ")),
                iae("DnsZoneChanges.record zero recordId", "recordId",
                        () -> DnsZoneChanges.builder().record(0, "www", "A", "10.0.0.1", 3600, null)),
                npe("DnsZoneChanges.record null name", "name",
                        () -> DnsZoneChanges.builder().record(1, null, "A", "10.0.0.1", 3600, null)),
                iae("DnsZoneChanges.add zero ttl", "ttl", () -> DnsZoneChanges.builder().add("www", "A", "10.0.0.1", 0, null)),
                iae("DnsZoneChanges.add blank type", "type", () -> DnsZoneChanges.builder().add("www", " ", "10.0.0.1", 60, null)),
                npe("DnsZoneChanges.add null content", "content", () -> DnsZoneChanges.builder().add("www", "A", null, 60, null)));
    }

    private Stream<BadArgument> helpdesk() {
        return Stream.of(
                iae("helpdesk.ticket zero id", "ticket id", () -> client().helpdesk().ticket(0)),
                npe("helpdesk.open null", "ticket", () -> client().helpdesk().open(null)),
                iae("helpdesk.reply zero id", "ticket id", () -> client().helpdesk().reply(0, "hi")),
                npe("helpdesk.reply null text", "text", () -> client().helpdesk().reply(1, null)),
                iae("helpdesk.reply blank text", "text", () -> client().helpdesk().reply(1, " ")),
                iae("NewTicket blank subject", "subject", () -> new NewTicket(1, " ", "t", 0, 0)),
                iae("NewTicket null text", "text", () -> new NewTicket(1, "s", null, 0, 0)),
                iae("NewTicket negative serverNum", "serverNum", () -> new NewTicket(1, "s", "t", 0, -1)));
    }

    private Stream<BadArgument> others() {
        return Stream.of(
                npe("user.update null", "update", () -> client().user().update(null)),
                iae("storages.get zero id", "storage id", () -> client().storages().get(0)),
                iae("storages.update zero id", "storage id",
                        () -> client().storages().update(0, StorageSettings.builder().publicSearch(true).build())),
                npe("storages.update null settings", "settings", () -> client().storages().update(1, null)),
                npe("storages.create null settings", "settings", () -> client().storages().create(null)),
                iae("storages.create without title", "title",
                        () -> client().storages().create(StorageSettings.builder().publicSearch(true).build())),
                iae("storages.delete negative id", "storage id", () -> client().storages().delete(-1)),
                iae("requests.get zero id", "request id", () -> client().requests().get(0)),
                iae("requests.await zero id", "request id", () -> client().requests().await(0, SEC)),
                npe("requests.await null timeout", "timeout", () -> client().requests().await(1, null)),
                iae("requests.await negative timeout", "timeout", () -> client().requests().await(1, Duration.ofMillis(-1))),
                npe("billing.operations null from", "from", () -> client().billing().operations(null, T1)),
                npe("billing.operations null to", "to", () -> client().billing().operations(T0, null)),
                iae("billing.operations to before from", "from", () -> client().billing().operations(T1, T0)),
                iae("billing.operations(server) zero serverId", "server id", () -> client().billing().operations(0, T0, T1)),
                iae("billing.operations(server) to before from", "from", () -> client().billing().operations(1, T1, T0)),
                npe("Limits.toSettings null", "limits", () -> Limits.toSettings(null)),
                npe("Limits.toSettings null element", "limits", () -> Limits.toSettings(Arrays.asList((dev.volga.clodo.model.RateLimitInfo) null))));
    }

    private Stream<BadArgument> models() {
        return Stream.of(
                iae("NewServer blank name", "name", () -> newServer().name(" ").build()),
                iae("NewServer bad type", "type", () -> newServer().type("Mainframe").build()),
                iae("NewServer zero memory", "memory", () -> newServer().memory(0).build()),
                iae("NewServer memoryMax below memory", "memoryMax", () -> newServer().memoryMax(256).build()),
                iae("NewServer zero hdd", "hdd", () -> newServer().hdd(0).build()),
                iae("NewServer admin 4", "admin", () -> newServer().admin(4).build()),
                iae("NewServer image and preset", "imageId", () -> newServer().preset(7, Map.of()).build()),
                npe("NewServer preset null params", "params", () -> newServer().preset(7, null)),
                iae("NewServer abonement 2", "abonement", () -> newServer().abonement(2).build()),
                iae("ServerChanges.memory zero", "memory", () -> ServerChanges.builder().memory(0)),
                iae("ServerChanges.memoryMax zero", "memoryMax", () -> ServerChanges.builder().memoryMax(0)),
                iae("ServerChanges.hdd zero", "hdd", () -> ServerChanges.builder().hdd(0)),
                iae("ServerChanges.admin 0", "admin", () -> ServerChanges.builder().admin(0)),
                iae("ServerChanges.dayLimit negative", "dayLimit", () -> ServerChanges.builder().dayLimit(-1)),
                iae("ServerChanges.swapSize 64", "swapSize", () -> ServerChanges.builder().swapSize(64)),
                iae("ServerChanges.buyTraffic zero", "buyTraffic", () -> ServerChanges.builder().buyTraffic(0)),
                iae("ServerChanges.memBlockSize 4096", "memBlockSize", () -> ServerChanges.builder().memBlockSize(4096)),
                iae("ServerChanges.minFreeBytes zero", "minFreeBytes", () -> ServerChanges.builder().minFreeBytes(0)),
                iae("ServerChanges.memInterval zero", "memInterval", () -> ServerChanges.builder().memInterval(0)),
                iae("ServerChanges.abonement 5", "abonement", () -> ServerChanges.builder().abonement(5)),
                iae("ServerChanges.cancelScheduledChange bad", "what", () -> ServerChanges.cancelScheduledChange("all")),
                iae("ServerChanges.delayNewConfig 24", "days", () -> ServerChanges.delayNewConfig(24)),
                iae("ServerAction.rebuild negative imageId", "imageId", () -> ServerAction.rebuild(-1, true)),
                npe("ServerAction null name", "name", () -> new ServerAction(null, null, null)),
                npe("StorageSettings.title null", "title", () -> StorageSettings.builder().title(null)),
                iae("StorageSettings.title blank", "title", () -> StorageSettings.builder().title(" ")),
                npe("StorageSettings.cacheControl null", "cacheControl", () -> StorageSettings.builder().cacheControl(null)),
                npe("StorageSettings.cacheExpires null", "cacheExpires", () -> StorageSettings.builder().cacheExpires(null)),
                npe("StorageSettings.cacheBypass null", "cacheBypass", () -> StorageSettings.builder().cacheBypass(null)),
                npe("StorageSettings.refererFilter null", "refererFilter", () -> StorageSettings.builder().refererFilter(null)),
                npe("ProfileUpdate.set null wireName", "wireName", () -> ProfileUpdate.builder().set(null, "x")),
                iae("ProfileUpdate.set unknown wireName", "wireName", () -> ProfileUpdate.builder().set("password", "x")),
                npe("ProfileUpdate.email null", "value", () -> ProfileUpdate.builder().email(null)));
    }

    private Stream<BadArgument> builder() {
        return Stream.of(
                npe("builder.authUrl null", "authUrl", () -> ClodoClient.builder().authUrl(null)),
                iae("builder.authUrl relative", "authUrl", () -> ClodoClient.builder().authUrl("/v1")),
                npe("builder.trustedManagementHosts null", "hosts", () -> ClodoClient.builder().trustedManagementHosts((String[]) null)),
                iae("builder.trustedManagementHosts blank", "hosts", () -> ClodoClient.builder().trustedManagementHosts(" ")),
                iae("builder.user blank", "user", () -> ClodoClient.builder().user(" ")),
                iae("builder.user CR LF", "user", () -> ClodoClient.builder().user("jdoe\r\nX-Evil: 1")),
                iae("builder.key CR LF", "key", () -> ClodoClient.builder().key(Secret.of("key", "k3y\r\nX-Evil: 1"))),
                iae("builder.key NUL", "key", () -> ClodoClient.builder().key(Secret.of("key", "k3y\u0000"))),
                iae("builder.authUrl with a query", "authUrl", () -> ClodoClient.builder().authUrl("https://api.clodo.ru/?x=")),
                iae("builder.authUrl with userinfo", "authUrl", () -> ClodoClient.builder().authUrl("https://u:p@api.clodo.ru/")),
                iae("builder.trustedManagementHosts bad port", "hosts",
                        () -> ClodoClient.builder().trustedManagementHosts("mgmt.example.net:99999")),
                iae("builder.trustedManagementHosts with a path", "hosts",
                        () -> ClodoClient.builder().trustedManagementHosts("mgmt.example.net/v1")),
                npe("builder.key null", "key", () -> ClodoClient.builder().key((Secret) null)),
                npe("builder.format null", "format", () -> ClodoClient.builder().format(null)),
                iae("builder.refreshSkew negative", "refreshSkew", () -> ClodoClient.builder().refreshSkew(Duration.ofSeconds(-1))),
                iae("builder.pollInterval zero", "pollInterval", () -> ClodoClient.builder().pollInterval(Duration.ZERO)),
                npe("builder.mapper null", "mapper", () -> ClodoClient.builder().mapper(null)));
    }
}
