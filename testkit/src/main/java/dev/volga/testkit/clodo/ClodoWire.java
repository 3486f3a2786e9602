package dev.volga.testkit.clodo;

import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Clodo's wire format: answers as JSON or XML by {@code Accept}, error bodies in each
 * {@link ClodoStub.ErrorStyle}, dates in Moscow time, and the elements shared by several routes
 * (a server, its addresses, the limits and image catalogues).
 */
final class ClodoWire {

    private static final DateTimeFormatter TOKEN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXX");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.uuuu");
    private static final ZoneId MOSCOW = ZoneOffset.ofHours(3);
    private static final String JSON = "application/json; charset=UTF-8";
    private static final String XML = "application/xml; charset=UTF-8";

    /** The details of a 401 for a missing, unknown or expired token or a wrong key. */
    static final String UNAUTHORIZED = "Необходима авторизация";
    /** The details of a failure a test asked for. */
    static final String INJECTED = "Сбой по требованию теста";
    /** The details of a 404 for a path no route serves, as the seed shows. */
    static final String NO_MODULE = "Модуль не найден";

    private ClodoWire() {
    }

    static String tokenTime(Instant i) {
        return TOKEN_TIME.format(i.atZone(MOSCOW));
    }

    static String dotted(Instant i) {
        return DOTTED.format(i.atZone(MOSCOW));
    }

    static String dashed(Instant i) {
        return DASHED.format(i.atZone(MOSCOW));
    }

    static String day(Instant i) {
        return DAY.format(i.atZone(MOSCOW));
    }

    static boolean acceptsXml(RecordedRequest r) {
        return r.header("Accept").map(a -> a.contains("xml")).orElse(false);
    }

    /** A 200 with the element as XML or JSON. */
    static StubResponse ok(boolean asXml, Elem e) {
        return StubResponse.status(200).header("Content-Type", asXml ? XML : JSON).body(asXml ? e.xml() : e.json());
    }

    /** A 200 whose body is cut off: an injected malformed answer. */
    static StubResponse malformed(boolean asXml) {
        return StubResponse.status(200).header("Content-Type", asXml ? XML : JSON)
                .body(asXml ? "<servers><server><id>1</id><name>ma" : "{\"servers\":[{\"id\":1,\"name\":\"ma");
    }

    /**
     * An error as Clodo writes it: XML {@code <NotFound code="404"><message>…</message><details>…</details></NotFound>},
     * JSON wrapped {@code {"NotFound":{"code":404,…}}} or flat {@code {"code":404,…}}.
     */
    static StubResponse error(boolean asXml, int status, String details, ClodoStub.ErrorStyle style) {
        String message = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Internal Server Error";
        };
        String name = message.replace(" ", "");
        if (asXml) {
            Elem e = Elem.of(name).attr("code", status).leafs("message", message, "details", details);
            return StubResponse.status(status).header("Content-Type", XML).body(e.xml());
        }
        ObjectNode inner = JsonNodeFactory.instance.objectNode().put("code", status).put("message", message).put("details", details);
        String body = style == ClodoStub.ErrorStyle.FLAT ? inner.toString() : JsonNodeFactory.instance.objectNode().set(name, inner).toString();
        return StubResponse.status(status).header("Content-Type", JSON).body(body);
    }

    static Elem addresses(ClodoState.ServerRec s, String primaryName) {
        Elem pub = Elem.list("public");
        synchronized (s.ips) {
            for (String[] ip : s.ips) {
                pub.add(Elem.of("ip").attr("addr", "ip", ip[0]).attr(primaryName, "1".equals(ip[1])).attr("isp", false));
            }
        }
        return Elem.of("addresses").add(pub);
    }

    static Elem server(ClodoState.ServerRec s, boolean detail) {
        ClodoState.Image image = s.image();
        Elem e = Elem.of("server").leafs("id", Long.toString(s.id), "name", s.name, "imageId", Long.toString(s.imageId),
                "type", s.type, "status", s.status, "os_type", image.osType(), "os_bits", image.osBits());
        e.add(addresses(s, "primary_ip"));
        if (detail) {
            e.leafs("vps_memory", Integer.toString(s.memory), "vps_memory_max", Integer.toString(s.memory),
                    "vps_mem_load", "8.21", "vps_cpu_load", "0.00", "vps_disk_load", "18",
                    "vps_os_title", image.osTitle(), "vps_os_version", image.osVersion(), "vps_os_bits", image.osBits(),
                    "vps_os_type", image.osType(),
                    "vps_vnc", "188.127.239.206:5909", "vps_cpu_max", "2267", "vps_cpu_1h_min", "0.00", "vps_cpu_1h_max", "1.67",
                    "vps_mem_1h_min", "63.05", "vps_mem_1h_max", "63.07", "vps_hdd_load", "901", "vps_hdd_max", Integer.toString(s.hdd),
                    "vps_root_pass", "root-" + s.id, "vps_user_pass", "user-" + s.id, "vps_vnc_pass", "vnc-" + s.id,
                    "vps_createdate", "07.02.2011 11:09:02", "vps_billingdate", "04.05.2011 22:11:47",
                    "vps_update", "04.03.2011 22:12:43", "vps_update_days", "(31 день)",
                    "vps_traf", "", "vps_traff_used", "", "vps_traff_free", "", "vps_traff_used_free", "");
        }
        return e;
    }

    static Elem limits(Instant now) {
        Elem rate = Elem.list("rate");
        String[][] table = {{"POST", "*", ".*", "10", "MINUTE"}, {"POST", "*/servers", "^/servers", "50", "DAY"},
            {"PUT", "*", ".*", "10", "MINUTE"}, {"DELETE", "*", ".*", "60", "MINUTE"}, {"GET", "*", ".*", "60", "MINUTE"}};
        long reset = now.getEpochSecond() + 60;
        for (String[] l : table) {
            rate.add(Elem.of("limit").attr("verb", l[0]).attr("URI", l[1]).attr("regex", l[2]).attr("value", l[3])
                    .attr("remaining", Integer.parseInt(l[3])).attr("unit", l[4]).attr("resetTime", reset));
        }
        return Elem.of("limits").add(rate);
    }

    static Elem images(boolean detail) {
        Elem list = Elem.list("images");
        for (ClodoState.Image i : ClodoState.IMAGES) {
            Elem e = Elem.of("image").attr("id", Long.toString(i.id())).attr("name", i.name()).attr("vps_type", i.vpsType())
                    .attr("status", "ACTIVE");
            if (detail) {
                e.attrsUnderAttr().leafs("os_type", i.osType(), "os_bits", i.osBits(), "os_hvm", "0");
            }
            list.add(e);
        }
        return list;
    }

    static Elem presets() {
        Elem fields = Elem.list("fields").keepItemName();
        for (String[] f : new String[][] {{"Логин", "login", "login", "1"}, {"Пароль", "pass", "password", "1"}, {"E-mail", "email", "email", "1"}}) {
            fields.add(Elem.of("field").leafs("title", f[0], "name", f[1], "type", f[2], "req", Integer.parseInt(f[3])));
        }
        return Elem.list("presets").keepItemName().add(Elem.of("preset").leafs("id", "62", "name", "bitrix", "title", "1С-Битрикс",
                "description", "<p>Bitrix</p>").add(fields));
    }

    static Elem subnets() {
        return Elem.list("nets")
                .add(Elem.of("net").leafs("ip_subnet", "62.76.176.*", "current", "1"))
                .add(Elem.of("net").leafs("ip_subnet", "62.76.177.*", "current", "0"));
    }

    static Elem billing(Instant day) {
        Elem debits = Elem.of("debits")
                .add(Elem.of("vbd").leafs("debits_amount", new BigDecimal("3.8"), "debits_count", 380))
                .add(Elem.of("vps").leafs("debits_amount", new BigDecimal("17.550"), "debits_count", new BigDecimal("13.00")));
        return Elem.of("billing").leafs("total_debit_amount", new BigDecimal("57.82"), "total_credit_amount", 0,
                "period", day(day)).add(debits).add(Elem.list("credits"));
    }

    static Elem recordTypes() {
        Elem types = Elem.list("record_types");
        for (String t : List.of("A", "AAAA", "CNAME", "MX", "TXT", "NS")) {
            types.add(Elem.leaf("type", t));
        }
        return types;
    }
}
