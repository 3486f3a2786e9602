package dev.volga.clodo;

import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import dev.volga.clodo.internal.ClodoCodec;
import dev.volga.clodo.model.Addresses;
import dev.volga.clodo.model.Backup;
import dev.volga.clodo.model.BillingReport;
import dev.volga.clodo.model.DnsOverview;
import dev.volga.clodo.model.DnsZoneDetails;
import dev.volga.clodo.model.Image;
import dev.volga.clodo.model.LogEntry;
import dev.volga.clodo.model.Preset;
import dev.volga.clodo.model.RateLimitInfo;
import dev.volga.clodo.model.RequestRef;
import dev.volga.clodo.model.RequestStatus;
import dev.volga.clodo.model.RestoreProgress;
import dev.volga.clodo.model.Server;
import dev.volga.clodo.model.ServerCreated;
import dev.volga.clodo.model.ServerStatus;
import dev.volga.clodo.model.StatsRow;
import dev.volga.clodo.model.Storage;
import dev.volga.clodo.model.StorageCreated;
import dev.volga.clodo.model.Subnet;
import dev.volga.clodo.model.Ticket;
import dev.volga.clodo.model.TicketDetails;
import dev.volga.clodo.model.UserProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every model decodes to equal values from its JSON and its XML form (hand-written from the spec's
 * examples, with the quirks it documents), and to the hand-written expected value.
 */
class ParityTest {

    private static final ClodoCodec CODEC = new ClodoCodec(ClodoCodec.Wire.JSON, null);

    /** One model: its JSON and XML answers, how to read it, and a fact to check by hand. */
    record Case(String name, String root, Class<?> type, boolean list, String json, String xml,
                Function<Object, Object> fact, Object expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case one(String name, String root, Class<?> type, String json, String xml, Function<Object, Object> fact, Object expected) {
        return new Case(name, root, type, false, json, xml, fact, expected);
    }

    private static Case many(String name, String root, Class<?> type, String json, String xml, Function<Object, Object> fact, Object expected) {
        return new Case(name, root, type, true, json, xml, fact, expected);
    }

    static Object read(String body, Case c) {
        ApiResponse r = new ApiResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, s -> s);
        JsonNode tree = CODEC.decode(r, TypeRef.of(JsonNode.class));
        if (c.list) {
            return CODEC.convertAll(ClodoCodec.items(tree, c.root), c.type, c.name);
        }
        return CODEC.convert(ClodoCodec.unwrap(tree, c.root), c.type, c.name);
    }

    @SuppressWarnings("unchecked")
    private static <T> Function<Object, Object> first(Function<T, Object> f) {
        return o -> f.apply(((List<T>) o).get(0));
    }

    @SuppressWarnings("unchecked")
    private static <T> Function<Object, Object> it(Function<T, Object> f) {
        return o -> f.apply((T) o);
    }

    static Stream<Case> cases() {
        return Stream.of(
            many("limits", "limits", RateLimitInfo.class,
                "{\"limits\":{\"rate\":[{\"verb\":\"POST\",\"URI\":\"*\",\"regex\":\".*\",\"value\":\"100\",\"remaining\":100,\"unit\":\"MINUTE\",\"resetTime\":1302530220},"
                + "{\"verb\":\"POST\",\"URI\":\"*/servers\",\"regex\":\"^/servers\",\"value\":\"500\",\"remaining\":500,\"unit\":\"DAY\",\"resetTime\":1302552000}]}}",
                "<limits><rate><limit verb=\"POST\" URI=\"*\" regex=\".*\" value=\"100\" remaining=\"100\" unit=\"MINUTE\" resetTime=\"1302530220\"/>"
                + "<limit verb=\"POST\" URI=\"*/servers\" regex=\" ^/servers\" value=\"500\" remaining=\"500\" unit=\"DAY\" resetTime=\"1302552000\"/></rate></limits>",
                o -> ((List<RateLimitInfo>) o).get(1), new RateLimitInfo("POST", "*/servers", "^/servers", 500, 500, "DAY", Instant.ofEpochSecond(1302552000))),
            many("servers", "servers", Server.class,
                "{\"servers\":[{\"id\":\"60\",\"name\":\"main\",\"imageId\":\"561\",\"type\":\"VirtualServer\",\"status\":\"is_running\",\"os_type\":\"debian\",\"os_bits\":\"64\","
                + "\"addresses\":{\"public\":[{\"ip\":\"188.127.237.202\",\"primary_ip\":true},{\"ip\":\"188.127.237.203\"}]}}]}",
                "<servers><server><id>60</id><name>main</name><imageId>561</imageId><type>VirtualServer</type><status>is_running</status><os_type>debian</os_type><os_bits>64</os_bits>"
                + "<addresses><public><ip addr=\"188.127.237.202\" primary_ip=\"1\"/><ip addr=\"188.127.237.203\"/></public></addresses></server></servers>",
                first((Server s) -> s.addresses().publicIps().get(0).ip() + " " + s.addresses().publicIps().get(0).primary() + " " + s.status() + " " + s.imageId()),
                "188.127.237.202 true is_running 561"),
            one("server detail", "server", Server.class,
                "{\"server\":{\"vps_memory\":\"768\",\"vps_mem_load\":\"8.21\",\"id\":298,\"name\":\"api-test\",\"status\":\"is_running\",\"vps_cpu_1h_max\":\"1.67\","
                + "\"vps_root_pass\":\"abc\",\"vps_createdate\":\"07.02.2011 11:09:02\",\"vps_update_days\":\"(31 день)\",\"vps_traf\":\"\",\"addresses\":{\"public\":[{\"ip\":\"188.127.237.202\",\"primary_ip\":true}]}}}",
                "<server><vps_memory>768</vps_memory><vps_mem_load>8.21</vps_mem_load><id>298</id><name>api-test</name><status>is_running</status><vps_cpu_1h_max>1.67</vps_cpu_1h_max>"
                + "<vps_root_pass>abc</vps_root_pass><vps_createdate>07.02.2011 11:09:02</vps_createdate><vps_update_days>(31 день)</vps_update_days><vps_traf/>"
                + "<addresses><public><ip addr=\"188.127.237.202\" primary_ip=\"1\"/></public></addresses></server>",
                it((Server s) -> List.of(s.memory(), s.memLoad(), s.createDate(), s.status(), s.addresses().publicIps().size())),
                List.of(768, new BigDecimal("8.21"), LocalDateTime.of(2011, 2, 7, 11, 9, 2), ServerStatus.RUNNING, 1)),
            one("server created", "server", ServerCreated.class,
                "{\"server\":{\"id\":299,\"name\":\"api-test2\",\"imageId\":\"541\",\"adminPass\":\"GbRAWJT2V8\"}}",
                "<server><id>299</id><name>api-test2</name><imageId>541</imageId><adminPass>GbRAWJT2V8</adminPass></server>",
                it((ServerCreated s) -> s.id() + " " + s.adminPass().reveal()), "299 GbRAWJT2V8"),
            many("stats", "stats", StatsRow.class,
                "{\"stats\":{\"row\":{\"statdate\":\"1301917560\",\"cpu_sec\":\"1\",\"cpu_perc\":\"0.25\",\"mem_current\":\"524288\",\"mem_used\":\"146936\",\"net_rx\":\"548\",\"net_tx\":\"177\",\"hdd_read\":\"0\",\"hdd_write\":\"75\"}}}",
                "<stats><row><statdate>1301917560</statdate><cpu_sec>1</cpu_sec><cpu_perc>0.25</cpu_perc><mem_current>524288</mem_current><mem_used>146936</mem_used><net_rx>548</net_rx><net_tx>177</net_tx><hdd_read>0</hdd_read><hdd_write>75</hdd_write></row></stats>",
                o -> ((List<?>) o).get(0), new StatsRow(Instant.ofEpochSecond(1301917560), 1L, new BigDecimal("0.25"), 524288L, 146936L, 548L, 177L, 0L, 75L)),
            many("logs", "logs", LogEntry.class,
                "{\"logs\":{\"log\":[{\"id\":\"86097442\",\"command\":\"Старт\",\"user\":\"Клиент (панель)\",\"date\":\"25.12.2011 04:13:50\",\"status\":\"ОК\"},"
                + "{\"id\":\"85942222\",\"command\":\"Перезагрузка\",\"user\":\"Cloud Core\",\"date\":\"13.12.2011 12:45:49\",\"status\":\"ОК\"}]}}",
                "<logs><log><id>86097442</id><command>Старт</command><user>Клиент (панель)</user><date>25.12.2011 04:13:50</date><status>ОК</status></log>"
                + "<log><id>85942222</id><command>Перезагрузка</command><user>Cloud Core</user><date>13.12.2011 12:45:49</date><status>ОК</status></log></logs>",
                o -> ((List<?>) o).get(0), new LogEntry(86097442L, "Старт", "Клиент (панель)", LocalDateTime.of(2011, 12, 25, 4, 13, 50), "ОК")),
            many("backups", "backups", Backup.class,
                "{\"backups\":{\"backup\":[{\"file\":\"2\",\"date\":\"2012-01-24 04:00:02\",\"price\":0.05,\"size\":\"5\",\"desc\":\"\",\"days\":\"1,2,3,4,5,6,7\",\"time\":\"04:00\",\"os_type\":\"debian\"},"
                + "{\"file\":\"3\",\"date\":\"2011-12-21 19:41:09\",\"price\":0.05,\"size\":\"5\",\"desc\":\"\",\"days\":\"\",\"time\":\"00:00\",\"os_type\":\"debian\"}]}}",
                "<backups><backup><file>2</file><date>2012-01-24 04:00:02</date><price>0.05</price><size>5</size><desc/><days>1,2,3,4,5,6,7</days><time>04:00</time><os_type>debian</os_type></backup>"
                + "<backup><file>3</file><date>2011-12-21 19:41:09</date><price>0.05</price><size>5</size><desc/><days/><time>00:00</time><os_type>debian</os_type></backup></backups>",
                o -> ((List<?>) o).get(1), new Backup("3", LocalDateTime.of(2011, 12, 21, 19, 41, 9), new BigDecimal("0.05"), 5, null, null, "00:00", "debian")),
            many("backups, one collapsed", "backups", Backup.class,
                "{\"backups\":{\"backup\":{\"file\":\"2\",\"date\":\"2012-01-24 04:00:02\",\"price\":\"0.05\",\"size\":\"5\",\"desc\":\"\",\"days\":\"\",\"time\":\"04:00\",\"os_type\":\"debian\"}}}",
                "<backups><backup><file>2</file><date>2012-01-24 04:00:02</date><price>0.05</price><size>5</size><desc/><days/><time>04:00</time><os_type>debian</os_type></backup></backups>",
                o -> ((List<?>) o).size(), 1),
            one("backup create", "backup_create", RequestRef.class, "{\"backup_create\":{\"req\":3120121}}",
                "<backup_create><req>3120121</req></backup_create>", it((RequestRef r) -> r.id()), 3120121L),
            one("restore state", "restore_state", RestoreProgress.class, "{\"restore_state\":{\"progress\":54}}",
                "<restore_state><progress>54</progress></restore_state>", it((RestoreProgress p) -> p.progress()), 54),
            one("ips", "addresses", Addresses.class,
                "{\"addresses\":{\"public\":[{\"ip\":\"62.76.41.218\",\"is_primary\":true,\"isp\":false},{\"ip\":\"62.76.41.219\",\"is_primary\":false,\"isp\":false}]}}",
                "<addresses><public><ip addr=\"62.76.41.218\" is_primary=\"1\" isp=\"\"/><ip addr=\"62.76.41.219\" is_primary=\"\" isp=\"\"/></public></addresses>",
                it((Addresses a) -> a.publicIps().get(1).ip() + " " + a.publicIps().get(1).primary() + " " + a.publicIps().get(1).isp() + " " + a.privateIps()),
                "62.76.41.219 false false []"),
            many("subnets", "nets", Subnet.class,
                "{\"nets\":[{\"ip_subnet\":\"62.76.176.*\",\"current\":\"1\"},{\"ip_subnet\":\"62.76.177.*\",\"current\":\"0\"}]}",
                "<nets><net><ip_subnet>62.76.176.*</ip_subnet><current>1</current></net><net><ip_subnet>62.76.177.*</ip_subnet><current>0</current></net></nets>",
                o -> o, List.of(new Subnet("62.76.176.*", true), new Subnet("62.76.177.*", false))),
            one("dns overview", "dns", DnsOverview.class,
                "{\"dns\":{\"domains\":[{\"id\":\"405290\",\"name\":\"example1.ru\",\"type\":\"MASTER\",\"records_count\":\"7\",\"unchecked\":\"0\",\"unchecked_expire\":\"30.11.-0001 00:00\"}],"
                + "\"domains_check\":[],\"reverse\":[{\"ip_value\":\"1.2.3.4\",\"virtual_mashines_title\":\"VPS 1\",\"resellers_id\":\"0\",\"reverse_value\":\"4.3.2.1.in-addr.arpa\",\"domain_value\":\"vm.clodoserver.ru.\",\"id\":\"799651\"}],"
                + "\"vps_list\":[{\"virtual_mashines_title\":\"VPS 1\",\"ip_value\":\"1.2.3.4\"}]}}",
                "<dns><domains><domain><id>405290</id><name>example1.ru</name><type>MASTER</type><records_count>7</records_count><unchecked>0</unchecked><unchecked_expire>30.11.-0001 00:00</unchecked_expire></domain></domains>"
                + "<domains_check/><reverse><record><ip_value>1.2.3.4</ip_value><virtual_mashines_title>VPS 1</virtual_mashines_title><resellers_id>0</resellers_id><reverse_value>4.3.2.1.in-addr.arpa</reverse_value>"
                + "<domain_value>vm.clodoserver.ru.</domain_value><id>799651</id></record></reverse><vps_list><vps><virtual_mashines_title>VPS 1</virtual_mashines_title><ip_value>1.2.3.4</ip_value></vps></vps_list></dns>",
                it((DnsOverview d) -> d.domains().get(0).recordsCount() + " " + d.reverse().get(0).id() + " " + d.reverse().get(0).serverTitle()), "7 799651 VPS 1"),
            one("dns zone", "dns", DnsZoneDetails.class,
                "{\"dns\":{\"records\":[{\"id\":\"11\",\"domain_id\":\"405290\",\"name\":\"www\",\"type\":\"MX\",\"content\":\"mx.example.ru\",\"ttl\":\"3600\",\"prio\":\"10\"}]}}",
                "<dns><records><record><id>11</id><domain_id>405290</domain_id><name>www</name><type>MX</type><content>mx.example.ru</content><ttl>3600</ttl><prio>10</prio></record></records></dns>",
                it((DnsZoneDetails z) -> z.records().get(0).prio() + z.records().get(0).ttl()), 3610),
            many("tickets", "helpdesk", Ticket.class,
                "{\"helpdesk\":{\"tickets\":{\"ticket\":{\"id\":\"299442\",\"subject\":\"test req\",\"status\":\"Обрабатывается\",\"type_name\":\"Общие вопросы\",\"open_date\":\"2011-09-26 16:45:19\",\"status_id\":\"1\",\"is_new_events\":\"\"}}}}",
                "<helpdesk><tickets><ticket><id>299442</id><subject>test req</subject><status>Обрабатывается</status><type_name>Общие вопросы</type_name><open_date>2011-09-26 16:45:19</open_date><status_id>1</status_id><is_new_events/></ticket></tickets></helpdesk>",
                first((Ticket t) -> t.id() + " " + t.openDate() + " " + t.newEvents()), "299442 2011-09-26T16:45:19 false"),
            one("ticket detail", "helpdesk", TicketDetails.class,
                "{\"helpdesk\":{\"ticket\":{\"id\":\"1\",\"text\":\"t\",\"vote\":\"-1\"},\"events\":[{\"ticket_events_id\":\"5\",\"ticket_events_date\":\"2011-09-26 16:45:19\",\"is_user_msg\":\"1\"}],"
                + "\"works\":[{\"ticket_events_id\":\"6\",\"works_cost\":\"100.50\",\"works_user_accept\":\"0\"}]}}",
                "<helpdesk><ticket><id>1</id><text>t</text><vote>-1</vote></ticket><events><event><ticket_events_id>5</ticket_events_id><ticket_events_date>2011-09-26 16:45:19</ticket_events_date><is_user_msg>1</is_user_msg></event></events>"
                + "<works><work><ticket_events_id>6</ticket_events_id><works_cost>100.50</works_cost><works_user_accept>0</works_user_accept></work></works></helpdesk>",
                it((TicketDetails t) -> t.ticket().vote() + " " + t.events().get(0).userMessage() + " " + t.works().get(0).workCost()), "-1 true 100.5"),
            one("user", "user", UserProfile.class,
                "{\"user\":{\"users_id\":\"123\",\"users_login\":\"jdoe\",\"users_balance\":\"1234.5\",\"users_added\":\"12.01.2011 10:00:00\",\"scale_exists\":\"1\","
                + "\"dcs\":[{\"id\":\"2\",\"apihost\":\"api.kh.clodo.ru\",\"title\":\"KIAE\"}],\"auth_ips\":\"\",\"auth_log\":[{\"auth_date\":\"2012-01-24 04:00:02\",\"auth_ip\":\"1.2.3.4\",\"auth_status\":\"ok\"}]}}",
                "<user><users_id>123</users_id><users_login>jdoe</users_login><users_balance>1234.5</users_balance><users_added>12.01.2011 10:00:00</users_added><scale_exists>1</scale_exists>"
                + "<dcs><dc><id>2</id><apihost>api.kh.clodo.ru</apihost><title>KIAE</title></dc></dcs><auth_ips/><auth_log><log><auth_date>2012-01-24 04:00:02</auth_date><auth_ip>1.2.3.4</auth_ip><auth_status>ok</auth_status></log></auth_log></user>",
                it((UserProfile u) -> u.dcs().get(0).apihost() + " " + u.authIps().size() + " " + u.scaleExists() + " " + u.balance()), "api.kh.clodo.ru 0 true 1234.5"),
            many("storages", "storages", Storage.class,
                "{\"storages\":[{\"id\":\"1\",\"title\":\"storage\",\"login\":\"storage_123_1\",\"cluster\":\"cs1.clodo.ru:80\",\"key\":\"CLODO_k\",\"size\":\"19282934228\",\"token\":\"CLODO_t\"}]}",
                "<storages><storage><id>1</id><title>storage</title><login>storage_123_1</login><cluster>cs1.clodo.ru:80</cluster><key>CLODO_k</key><size>19282934228</size><token>CLODO_t</token></storage></storages>",
                first((Storage s) -> s.size() + " " + s.token().reveal()), "19282934228 CLODO_t"),
            one("storage detail", "storage", Storage.class,
                "{\"storage\":{\"id\":\"1\",\"is_default\":\"0\",\"cache_expires\":\"off\",\"cache_refererfilter\":\"\",\"cache_publicsearch\":\"1\",\"public_url_checked\":\"checked\"}}",
                "<storage><id>1</id><is_default>0</is_default><cache_expires>off</cache_expires><cache_refererfilter/><cache_publicsearch>1</cache_publicsearch><public_url_checked>checked</public_url_checked></storage>",
                it((Storage s) -> s.defaultStore() + " " + s.cacheRefererfilter() + " " + s.cachePublicsearch()), "false null true"),
            one("storage created", "storage", StorageCreated.class,
                "{\"storage\":{\"id\":\"123\",\"login\":\"storage_123_1\",\"cluster\":\"cs1.clodo.ru:80\",\"key\":\"CLODO_a\",\"storagekey\":\"CLODO_s\"}}",
                "<storage><id>123</id><login>storage_123_1</login><cluster>cs1.clodo.ru:80</cluster><key>CLODO_a</key><storagekey>CLODO_s</storagekey></storage>",
                it((StorageCreated s) -> s.storagekey().reveal()), "CLODO_s"),
            one("request", "request", RequestStatus.class,
                "{\"request\":{\"vps_num\":\"\",\"req_complete\":\"1\",\"req_complete_date\":\"2011-03-11 14:48:31\",\"req_requests_inwork\":\"2011-03-11 14:36:56\"}}",
                "<request><vps_num/><req_complete>1</req_complete><req_complete_date>2011-03-11 14:48:31</req_complete_date><req_requests_inwork>2011-03-11 14:36:56</req_requests_inwork></request>",
                o -> o, new RequestStatus(null, true, LocalDateTime.of(2011, 3, 11, 14, 48, 31), LocalDateTime.of(2011, 3, 11, 14, 36, 56))),
            one("balance", "balance", BigDecimal.class, "{\"balance\":1234}", "<balance>1234</balance>", o -> o, new BigDecimal("1234")),
            one("billing", "billing", BillingReport.class,
                "{\"billing\":{\"total_debit_amount\":57.82,\"total_credit_amount\":0,\"period\":\"25.01.2012\",\"debits\":{\"vbd\":{\"debits_amount\":3.8,\"debits_count\":380},"
                + "\"vps\":{\"debits_amount\":17.550,\"debits_count\":13.00}},\"credits\":[]}}",
                "<billing><total_debit_amount>57.82</total_debit_amount><total_credit_amount>0</total_credit_amount><period>25.01.2012</period><debits><vbd><debits_amount>3.8</debits_amount>"
                + "<debits_count>380</debits_count></vbd><vps><debits_amount>17.550</debits_amount><debits_count>13.00</debits_count></vps></debits><credits/></billing>",
                it((BillingReport b) -> b.period() + " " + b.debits().get("vbd").count().intValue() + " " + b.credits().size()), LocalDate.of(2012, 1, 25) + " 380 0"),
            many("images", "images", Image.class,
                "{\"images\":[{\"id\":\"1988\",\"name\":\"Debian 9 32 bits\",\"vps_type\":\"VirtualServer\",\"status\":\"ACTIVE\"}]}",
                "<images><image id=\"1988\" name=\"Debian 9 32 bits\" vps_type=\"VirtualServer\" status=\"ACTIVE\"/></images>",
                o -> o, List.of(new Image(1988L, "Debian 9 32 bits", "VirtualServer", "ACTIVE", null, null, null))),
            many("images detail", "images", Image.class,
                "{\"images\":[{\"os_type\":\"debian\",\"os_bits\":\"64\",\"os_hvm\":\"0\",\"_attr\":{\"id\":\"541\",\"name\":\"Debian 6 64 bits\",\"status\":\"ACTIVE\",\"vps_type\":\"ScaleServer\"}}]}",
                "<images><image id=\"541\" name=\"Debian 6 64 bits\" vps_type=\"ScaleServer\" status=\"ACTIVE\"><os_type>debian</os_type><os_bits>64</os_bits><os_hvm>0</os_hvm></image></images>",
                o -> o, List.of(new Image(541L, "Debian 6 64 bits", "ScaleServer", "ACTIVE", "debian", 64, false))),
            many("presets", "presets", Preset.class,
                "{\"presets\":{\"preset\":{\"id\":\"62\",\"name\":\"bitrix\",\"title\":\"Битрикс\",\"description\":\"<p>x</p>\",\"fields\":{\"field\":[{\"title\":\"Логин\",\"name\":\"login\",\"type\":\"login\",\"req\":1},"
                + "{\"title\":\"E-mail\",\"name\":\"email\",\"type\":\"email\",\"req\":0}]}}}}",
                "<presets><preset><id>62</id><name>bitrix</name><title>Битрикс</title><description>&lt;p&gt;x&lt;/p&gt;</description><fields><field><title>Логин</title><name>login</name><type>login</type><req>1</req></field>"
                + "<field><title>E-mail</title><name>email</name><type>email</type><req>0</req></field></fields></preset></presets>",
                first((Preset p) -> p.id() + " " + p.description() + " " + p.fields().get(1).req()), "62 <p>x</p> false"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void jsonAndXmlDecodeToEqualValues(Case c) {
        Object fromJson = read(c.json, c);
        Object fromXml = read("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + c.xml, c);
        assertThat(fromJson).isEqualTo(fromXml);
        assertThat(c.fact.apply(fromJson)).isEqualTo(c.expected);
    }

    @Test
    void theXmlInputFactoryItselfReadsNoExternalEntity() throws Exception {
        var factory = javax.xml.stream.XMLInputFactory.newFactory();
        factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]><x>&e;</x>";
        assertThatThrownBy(() -> {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(doc));
            while (r.hasNext()) {
                r.next();
            }
        }).isInstanceOf(XMLStreamException.class);
    }
}
