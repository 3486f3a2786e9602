package dev.volga.clodo;

import dev.volga.clodo.model.Addresses;
import dev.volga.clodo.model.Backup;
import dev.volga.clodo.model.BillingReport;
import dev.volga.clodo.model.DnsZoneChanges;
import dev.volga.clodo.model.Image;
import dev.volga.clodo.model.IpAddress;
import dev.volga.clodo.model.NewServer;
import dev.volga.clodo.model.NewTicket;
import dev.volga.clodo.model.PayType;
import dev.volga.clodo.model.ProfileUpdate;
import dev.volga.clodo.model.RateLimitInfo;
import dev.volga.clodo.model.Server;
import dev.volga.clodo.model.ServerChanges;
import dev.volga.clodo.model.ServerCreated;
import dev.volga.clodo.model.ServerStatus;
import dev.volga.clodo.model.StorageSettings;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every operation against the stub, in JSON and in XML, with the wire request checked on the journal. */
@ExtendWith(NoLeaks.class)
class RoundTripTest {

    private static final Duration T = Duration.ofSeconds(10);

    private static String contentType(Format f) {
        return f == Format.XML ? "application/xml; charset=UTF-8" : "application/json; charset=UTF-8";
    }

    private static RecordedRequest last(ClodoStub stub, String method, String pattern) {
        List<RecordedRequest> found = stub.requests(method, pattern);
        assertThat(found).as(method + " " + pattern).isNotEmpty();
        return found.get(found.size() - 1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void serversLifecycle(Format f) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, f).build()) {
            StepVerifier.create(clodo.servers().list()).verifyComplete(); // 404 "none" is an empty list
            ServerCreated created = clodo.servers().create(NewServer.builder().name("api-test").memory(512).hdd(5).image(551).build()).block(T);
            assertThat(created.name()).isEqualTo("api-test");
            assertThat(created.adminPass().reveal()).isEqualTo("Pw" + created.id() + "xQ");
            assertThat(created.adminPass().toString()).doesNotContain("Pw");
            RecordedRequest create = last(stub, "POST", "/v1/servers");
            assertThat(create.header("Content-Type")).contains(contentType(f));
            assertThat(create.header("Accept")).contains(f == Format.XML ? "application/xml" : "application/json");
            assertThat(create.bodyText()).isEqualTo(f == Format.XML
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><server><vps_title>api-test</vps_title><vps_type>VirtualServer</vps_type>"
                      + "<vps_memory>512</vps_memory><vps_hdd>5</vps_hdd><vps_admin>1</vps_admin><vps_os>551</vps_os></server>"
                    : "{\"server\":{\"vps_title\":\"api-test\",\"vps_type\":\"VirtualServer\",\"vps_memory\":512,\"vps_hdd\":5,\"vps_admin\":1,\"vps_os\":551}}");

            long id = created.id();
            Server running = clodo.servers().awaitStatus(id, ServerStatus.RUNNING, T).block(T);
            assertThat(running.status()).isEqualTo(ServerStatus.RUNNING);
            assertThat(stub.requests("GET", "/v1/servers/" + id)).hasSize(3); // is_request, is_install, is_running
            assertThat(running.memory()).isEqualTo(512);
            assertThat(running.createDate()).isEqualTo(LocalDateTime.of(2011, 2, 7, 11, 9, 2));
            assertThat(running.rootPassword().reveal()).isEqualTo("root-" + id);
            assertThat(running.cpuHourMax()).isEqualByComparingTo("1.67");
            assertThat(running.traffic()).isNull();
            assertThat(running.uptimeText()).isEqualTo("(31 день)");

            long other = stub.addServer("main", "ScaleServer", "is_running");
            List<Server> all = clodo.servers().list().collectList().block(T);
            assertThat(all).extracting(Server::id).containsExactly(id, other);
            assertThat(all.get(1).addresses().publicIps()).hasSize(1).first()
                    .satisfies(ip -> assertThat(ip.primary()).isTrue());
            assertThat(clodo.servers().listDetailed().collectList().block(T)).extracting(Server::hddMax).containsOnly(5);

            clodo.servers().modify(id, ServerChanges.builder().hdd(10).build()).block(T);
            assertThat(last(stub, "PUT", "/v1/servers/*").bodyText()).isEqualTo(f == Format.XML
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><server><vps_hdd>10</vps_hdd></server>" : "{\"server\":{\"vps_hdd\":10}}");
            assertThat(clodo.servers().get(id).block(T).hddMax()).isEqualTo(10);

            clodo.servers().changeType(id, PayType.QUARTER).block(T);
            RecordedRequest change = last(stub, "GET", "/v1/servers/*/change_type/");
            assertThat(change.path()).isEqualTo("/v1/servers/" + id + "/change_type/");
            assertThat(change.bodyText()).contains(f == Format.XML ? "<pay_type>3m</pay_type>" : "{\"server\":{\"pay_type\":\"3m\"}}");

            clodo.servers().stop(id).block(T);
            assertThat(stub.serverStatus(id)).isEqualTo("is_disabled");
            assertThat(last(stub, "POST", "/v1/servers/*/action").bodyText())
                    .isEqualTo(f == Format.XML ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><stop/>" : "{\"stop\":{}}");
            clodo.servers().start(id).block(T);
            clodo.servers().reboot(id).block(T);
            clodo.servers().rebuild(id, 27, false).block(T);
            assertThat(last(stub, "POST", "/v1/servers/*/action").bodyText()).isEqualTo(f == Format.XML
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rebuild imageId=\"27\" vps_isp=\"0\"/>"
                    : "{\"rebuild\":{\"imageId\":27,\"vps_isp\":0}}");
            assertThat(clodo.servers().log(id).collectList().block(T)).extracting(l -> l.command())
                    .containsExactly("Стоп", "Старт", "Перезагрузка", "Переустановка");

            Instant from = Instant.ofEpochSecond(1301860800L);
            assertThat(clodo.servers().stats(id, from, from.plusSeconds(86399)).collectList().block(T))
                    .hasSize(2).first().satisfies(r -> {
                        assertThat(r.statdate()).isEqualTo(from);
                        assertThat(r.memCurrent()).isEqualTo(524288L);
                        assertThat(r.cpuPerc()).isEqualByComparingTo("0.25");
                    });
            assertThat(last(stub, "POST", "/v1/stats/*").bodyText()).contains(f == Format.XML
                    ? "<stats><from>1301860800</from><to>1301947199</to></stats>" : "{\"stats\":{\"from\":\"1301860800\",\"to\":\"1301947199\"}}");

            clodo.servers().awaitStatus(id, ServerStatus.RUNNING, T).block(T); // rebuild → is_install → is_running
            clodo.servers().delete(other).block(T);
            assertThat(stub.serverIds()).containsExactly(id);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void backupsAndRequests(Format f) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, f).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            stub.addBackup(id, "2", "");
            List<Backup> backups = clodo.backups().list(id).collectList().block(T);
            assertThat(backups).singleElement().satisfies(b -> {
                assertThat(b.file()).isEqualTo("2");
                assertThat(b.description()).isNull();
                assertThat(b.price()).isEqualByComparingTo("0.05");
                assertThat(b.size()).isEqualTo(5);
            });
            long req = clodo.backups().create(id).block(T).id();
            assertThat(clodo.requests().await(req, T).block(T).complete()).isTrue();
            assertThat(stub.requests("GET", "/v1/requests/" + req)).hasSize(2);
            clodo.backups().overwrite(id, "2").block(T);
            assertThat(last(stub, "POST", "/v1/servers/*/backup/create").bodyText())
                    .isEqualTo(f == Format.XML ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><file>2</file>" : "{\"file\":\"2\"}");

            long restore = clodo.backups().restore(id, "2").block(T).id();
            assertThat(clodo.backups().restoreProgress(id, restore).block(T).progress()).isEqualTo(50);
            assertThat(clodo.backups().awaitRestore(id, restore, T).block(T).progress()).isEqualTo(100);
            assertThat(last(stub, "GET", "/v1/servers/*/backup/getstate").bodyText())
                    .isEqualTo(f == Format.XML ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><req>" + restore + "</req>" : "{\"req\":\"" + restore + "\"}");

            clodo.backups().schedule(id, "2", Set.of(5, 1, 3), LocalTime.of(3, 30)).block(T);
            assertThat(last(stub, "POST", "/v1/servers/*/backup/setcal").bodyText()).isEqualTo(f == Format.XML
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><backup><file>2</file><backups_days>1,3,5</backups_days><backups_time>03:30</backups_time></backup>"
                    : "{\"file\":\"2\",\"backups_days\":\"1,3,5\",\"backups_time\":\"03:30\"}");
            clodo.backups().describe(id, "2", "Описание").block(T);
            assertThat(clodo.backups().list(id).filter(b -> b.file().equals("2")).blockFirst(T))
                    .satisfies(b -> {
                        assertThat(b.description()).isEqualTo("Описание");
                        assertThat(b.days()).isEqualTo("1,3,5");
                    });
            clodo.backups().delete(id, "2").block(T);
            assertThat(clodo.backups().list(id).map(Backup::file).collectList().block(T)).doesNotContain("2");
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void ips(Format f) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, f).build()) {
            long a = stub.addServer("a", "VirtualServer", "is_running");
            long b = stub.addServer("b", "VirtualServer", "is_running");
            clodo.ips().add(a).block(T);
            clodo.ips().add(a, "62.76.177.*").block(T);
            Addresses addresses = clodo.ips().list(a).block(T);
            assertThat(addresses.publicIps()).hasSize(3);
            assertThat(addresses.publicIps()).filteredOn(IpAddress::primary).hasSize(1);
            String extra = addresses.publicIps().get(1).ip();
            String bought = addresses.publicIps().get(2).ip();
            assertThat(bought).startsWith("62.76.177.");

            clodo.ips().move(b, extra).block(T);
            RecordedRequest move = last(stub, "GET", "/v1/servers/*/ips/moveip/");
            assertThat(move.path()).isEqualTo("/v1/servers/" + b + "/ips/moveip/");
            assertThat(move.bodyText()).isEqualTo(f == Format.XML ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ip>" + extra + "</ip>" : "{\"ip\":\"" + extra + "\"}");
            assertThat(clodo.ips().list(b).block(T).publicIps()).extracting(IpAddress::ip).contains(extra);

            clodo.ips().delete(a, bought).block(T);
            assertThat(last(stub, "DELETE", "/v1/servers/*/ips").bodyText()).contains(bought);
            assertThat(clodo.ips().list(a).block(T).publicIps()).hasSize(1);
            assertThat(clodo.ips().subnets(a).collectList().block(T)).extracting(s -> s.ipSubnet() + "=" + s.current())
                    .containsExactly("62.76.176.*=true", "62.76.177.*=false");
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void dnsHelpdeskUserStorageBillingImagesLimits(Format f) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, f).build()) {
            long server = stub.addServer("main", "VirtualServer", "is_running");
            long zone = clodo.dns().createZone("Example.RU").block(T).id();
            assertThat(last(stub, "PUT", "/v1/dns/").bodyText()).contains(f == Format.XML ? "<newdomain>example.ru</newdomain>" : "\"newdomain\":\"example.ru\"");
            clodo.dns().updateZone(zone, DnsZoneChanges.builder().add("www", "A", "1.2.3.4", 3600, null).build()).block(T);
            assertThat(last(stub, "POST", "/v1/dns/*").bodyText()).contains(f == Format.XML ? "<name_0>www</name_0>" : "\"name_0\":\"www\"");
            var records = clodo.dns().zone(zone).block(T).records();
            assertThat(records).singleElement().satisfies(r -> {
                assertThat(r.name()).isEqualTo("www");
                assertThat(r.ttl()).isEqualTo(3600);
                assertThat(r.prio()).isNull();
            });
            long recordId = records.get(0).id();
            clodo.dns().updateZone(zone, DnsZoneChanges.builder().record(recordId, "www", "A", "5.6.7.8", 600, null).build()).block(T);
            assertThat(clodo.dns().zone(zone).block(T).records().get(0).content()).isEqualTo("5.6.7.8");
            var overview = clodo.dns().overview().block(T);
            assertThat(overview.domains()).singleElement().satisfies(z -> {
                assertThat(z.name()).isEqualTo("example.ru");
                assertThat(z.recordsCount()).isEqualTo(1);
            });
            assertThat(overview.reverse()).singleElement().satisfies(r -> assertThat(r.serverTitle()).isEqualTo("VPS main"));
            assertThat(clodo.dns().deleteRecord(zone, recordId).block(T).newSoa()).isNotBlank();
            assertThat(last(stub, "DELETE", "/v1/dns/*").bodyText()).contains("delete_record");
            clodo.dns().deleteZone(zone).block(T);
            assertThat(clodo.dns().overview().block(T).domains()).isEmpty();

            clodo.helpdesk().open(new NewTicket(1, "test req", "Помогите", 0, server)).block(T);
            var ticket = clodo.helpdesk().tickets().blockFirst(T);
            assertThat(ticket.subject()).isEqualTo("test req");
            assertThat(ticket.newEvents()).isFalse();
            clodo.helpdesk().reply(ticket.id(), "ещё").block(T);
            var details = clodo.helpdesk().ticket(ticket.id()).block(T);
            assertThat(details.ticket().text()).isEqualTo("Помогите");
            assertThat(details.events()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("ещё"));
            assertThat(details.works()).isEmpty();

            clodo.user().update(ProfileUpdate.builder().jabber("test@jabber.com").icq("13382781").build()).block(T);
            assertThat(last(stub, "POST", "/v1/user/update").bodyText()).isEqualTo(f == Format.XML
                    ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><user><users_profile_jabber>test@jabber.com</users_profile_jabber><users_profile_icq>13382781</users_profile_icq></user>"
                    : "{\"users_profile_jabber\":\"test@jabber.com\",\"users_profile_icq\":\"13382781\"}");
            var profile = clodo.user().profile().block(T);
            assertThat(profile.jabber()).isEqualTo("test@jabber.com");
            assertThat(profile.balance()).isEqualByComparingTo("1234.50");
            assertThat(profile.added()).isEqualTo(LocalDateTime.of(2011, 1, 12, 10, 0));
            assertThat(profile.authLog()).singleElement().satisfies(l -> assertThat(l.authIp()).isEqualTo("127.0.0.1"));

            var store = clodo.storages().create(StorageSettings.builder().title("storage").build()).block(T);
            assertThat(store.storagekey().reveal()).isEqualTo("CLODO_key" + store.id());
            assertThat(clodo.storages().list().collectList().block(T)).singleElement()
                    .satisfies(s -> assertThat(s.size()).isEqualTo(19282934228L));
            assertThat(clodo.storages().update(store.id(), StorageSettings.builder().cacheExpires("1d").build()).block(T).cacheExpires()).isEqualTo("1d");
            assertThat(clodo.storages().update(store.id(), StorageSettings.builder().cacheExpires("1d").build()).blockOptional(T)).isEmpty();
            var detail = clodo.storages().get(store.id()).block(T);
            assertThat(detail.cachePublicsearch()).isTrue();
            assertThat(detail.defaultStore()).isFalse();
            assertThat(detail.cacheRefererfilter()).isNull();
            clodo.storages().delete(store.id()).block(T);
            assertThat(clodo.storages().list().collectList().block(T)).isEmpty();

            assertThat(clodo.billing().balance().block(T)).isEqualByComparingTo("1234.50");
            Instant day = LocalDate.of(2012, 1, 25).atStartOfDay(java.time.ZoneOffset.ofHours(3)).toInstant();
            BillingReport report = clodo.billing().operations(day, day.plusSeconds(86399)).block(T);
            assertThat(report.period()).isEqualTo(LocalDate.of(2012, 1, 25));
            assertThat(report.totalDebitAmount()).isEqualByComparingTo("57.82");
            assertThat(report.debits().get("vps").count()).isEqualByComparingTo("13");
            assertThat(report.credits()).isEmpty();
            clodo.billing().operations(server, day, day.plusSeconds(60)).block(T);
            assertThat(last(stub, "POST", "/v1/billing/*").path()).isEqualTo("/v1/billing/" + server);

            assertThat(clodo.images().list().collectList().block(T)).extracting(Image::id, Image::osType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(541L, null), org.assertj.core.groups.Tuple.tuple(2056L, null));
            assertThat(clodo.images().listDetailed().collectList().block(T)).first().satisfies(i -> {
                assertThat(i.name()).isEqualTo("Debian 6 64 bits");
                assertThat(i.osBits()).isEqualTo(64);
                assertThat(i.osHvm()).isFalse();
            });
            assertThat(clodo.images().presets().collectList().block(T)).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo("bitrix");
                assertThat(p.fields()).extracting(x -> x.name()).containsExactly("login", "pass", "email");
                assertThat(p.fields().get(0).req()).isTrue();
            });

            List<RateLimitInfo> limits = clodo.limits().list().collectList().block(T);
            assertThat(limits).hasSize(5);
            assertThat(limits.get(1).regex()).isEqualTo("^/servers");
            assertThat(limits.get(1).value()).isEqualTo(50);
            var settings = clodo.limits().load().block(T);
            assertThat(settings.limits()).extracting(l -> l.methods() + " " + l.pathPattern() + " " + l.permits() + "/" + l.period())
                    .containsExactly("[POST] null 10/PT1M", "[POST] /servers 50/PT24H", "[PUT] null 10/PT1M",
                            "[DELETE] null 60/PT1M", "[GET] null 60/PT1M");
            assertThat(clodo.limits().current()).isEqualTo(settings);
            assertThat(new BigDecimal("1")).isNotNull();
        }
    }
}
