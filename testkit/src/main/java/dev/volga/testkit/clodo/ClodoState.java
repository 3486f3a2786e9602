package dev.volga.testkit.clodo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Clodo stub's entities and settings: users and tokens, servers (with IPs, backups and logs),
 * DNS zones, tickets, stores, the profile, the balance, pending failures and the stub's clock.
 * Thread-safe: concurrent maps, and the lists inside an entity are guarded by themselves.
 */
final class ClodoState {

    /** The image new seeded servers run when none is given (not in the catalogue: it reads as Debian). */
    static final long DEFAULT_IMAGE = 561;
    private static final String INITIAL_BALANCE = "1234.50";
    private static final long FIRST_ID = 1000;

    /** An entry of the stub's image catalogue ({@code GET /images}). */
    record Image(long id, String name, String vpsType, String osType, String osBits, String osTitle, String osVersion) {
    }

    /** The catalogue; a server's OS fields derive from its image, Debian 6 for an image not listed. */
    static final List<Image> IMAGES = List.of(
            new Image(541, "Debian 6 64 bits", "ScaleServer", "debian", "64", "Debian", "6"),
            new Image(2056, "Ubuntu 22.04 64 bits", "VirtualServer", "ubuntu", "64", "Ubuntu", "22.04"));
    private static final Image FALLBACK_IMAGE = IMAGES.get(0);

    static final class ServerRec {
        final long id;
        volatile String name;
        volatile long imageId;
        final String type;
        volatile String status;
        volatile int memory;
        volatile int hdd;
        final List<String[]> ips = new ArrayList<>(); // addr, primary "1"/""
        final List<Map<String, String>> backups = new ArrayList<>();
        final List<String[]> log = new ArrayList<>();

        ServerRec(long id, String name, long imageId, String type, String status) {
            this.id = id;
            this.name = name;
            this.imageId = imageId;
            this.type = type;
            this.status = status;
        }

        /** @return the catalogue entry of the image it runs, Debian 6 for one not listed */
        Image image() {
            long image = imageId;
            return IMAGES.stream().filter(i -> i.id() == image).findFirst().orElse(FALLBACK_IMAGE);
        }
    }

    static final class Zone {
        final long id;
        final String name;
        final String type;
        final Map<Long, Map<String, String>> records = new LinkedHashMap<>();

        Zone(long id, String name, String type) {
            this.id = id;
            this.name = name;
            this.type = type;
        }
    }

    final Map<String, String> users;
    final List<String[]> datacenters;
    final String managementPath;
    volatile Duration lifetime;
    private final Clock baseClock;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    final Map<String, String> tokenUsers = new ConcurrentHashMap<>();
    final AtomicInteger logins = new AtomicInteger();
    final AtomicInteger failNext = new AtomicInteger();
    volatile int failStatus = 500;
    volatile ClodoStub.ErrorStyle errorStyle = ClodoStub.ErrorStyle.WRAPPED;
    final AtomicLong ids = new AtomicLong(FIRST_ID);

    final Map<Long, ServerRec> servers = new ConcurrentHashMap<>();
    final Map<Long, int[]> requestReads = new ConcurrentHashMap<>();
    final Map<Long, int[]> restoreReads = new ConcurrentHashMap<>();
    final Map<Long, Zone> zones = new ConcurrentHashMap<>();
    final Map<Long, Map<String, Object>> tickets = new ConcurrentHashMap<>();
    final Map<Long, Map<String, Object>> storages = new ConcurrentHashMap<>();
    final Map<String, String> profile = new ConcurrentHashMap<>();
    volatile BigDecimal balance = new BigDecimal(INITIAL_BALANCE);
    /** Sequence numbers of management requests refused for a missing, unknown or expired token. */
    final Set<Long> staleTokenRequests = Collections.synchronizedSet(new HashSet<>());
    final Clock clock = new StubClock();

    ClodoState(Map<String, String> users, Duration lifetime, Clock baseClock, List<String[]> datacenters,
            String managementPath) {
        this.users = Map.copyOf(users);
        this.lifetime = lifetime;
        this.baseClock = baseClock;
        this.datacenters = List.copyOf(datacenters);
        this.managementPath = managementPath;
        initProfile();
    }

    private void initProfile() {
        profile.clear();
        profile.put("users_id", "123");
        profile.put("users_login", users.keySet().stream().findFirst().orElse("user"));
        profile.put("users_balance", INITIAL_BALANCE);
        profile.put("users_added", "12.01.2011 10:00:00");
        profile.put("users_profile_email", "user@example.org");
    }

    /** Forgets tokens, the error style, the clock offset and all data. */
    void resetData() {
        tokens.clear();
        tokenUsers.clear();
        errorStyle = ClodoStub.ErrorStyle.WRAPPED;
        offset.set(Duration.ZERO);
        servers.clear();
        requestReads.clear();
        restoreReads.clear();
        zones.clear();
        tickets.clear();
        storages.clear();
        initProfile();
        balance = new BigDecimal(INITIAL_BALANCE);
        ids.set(FIRST_ID);
    }

    /** Forgets the stale-token marks, the login count and pending failures. */
    void clearCounters() {
        staleTokenRequests.clear();
        logins.set(0);
        failNext.set(0);
        failStatus = 500;
    }

    Instant now() {
        return baseClock.instant().plus(offset.get());
    }

    void advanceClock(Duration by) {
        Objects.requireNonNull(by, "by");
        offset.updateAndGet(d -> d.plus(by));
    }

    /** @return the primary IP of a server, from the stub's pool {@code 62.76.41.0/24} */
    static String primaryIp(long serverId) {
        return "62.76.41." + (serverId % 250);
    }

    /** A new server with its primary IP from the pool. */
    ServerRec newServer(String name, long imageId, String type, String status, int memory, int hdd) {
        long id = ids.incrementAndGet();
        ServerRec s = new ServerRec(id, name, imageId, type, status);
        s.memory = memory;
        s.hdd = hdd;
        s.ips.add(new String[] {primaryIp(id), "1"});
        servers.put(id, s);
        return s;
    }

    void addBackup(long serverId, String file, String description) {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("file", Objects.requireNonNull(file, "file"));
        b.put("date", ClodoWire.dashed(now()));
        b.put("desc", description == null ? "" : description);
        b.put("days", "");
        b.put("time", "00:00");
        ServerRec s = server(serverId);
        synchronized (s.backups) {
            s.backups.add(b);
        }
    }

    long addZone(String domain, String type) {
        long id = ids.incrementAndGet();
        zones.put(id, new Zone(id, Objects.requireNonNull(domain, "domain"), Objects.requireNonNull(type, "type")));
        return id;
    }

    long addRecord(long zoneId, String name, String type, String content, int ttl) {
        Zone z = zones.get(zoneId);
        if (z == null) {
            throw new IllegalArgumentException("no zone " + zoneId);
        }
        long id = ids.incrementAndGet();
        Map<String, String> rec = new LinkedHashMap<>();
        rec.put("name", name);
        rec.put("type", type);
        rec.put("content", content);
        rec.put("ttl", Integer.toString(ttl));
        synchronized (z.records) {
            z.records.put(id, rec);
        }
        return id;
    }

    long addTicket(String subject, String text) {
        Map<String, Object> t = new ConcurrentHashMap<>();
        t.put("subject", Objects.requireNonNull(subject, "subject"));
        t.put("text", Objects.requireNonNull(text, "text"));
        t.put("open_date", ClodoWire.dashed(now()));
        t.put("events", new ArrayList<String>());
        long id = ids.incrementAndGet();
        tickets.put(id, t);
        return id;
    }

    long addStorage(String title) {
        Map<String, Object> st = new ConcurrentHashMap<>();
        st.put("title", Objects.requireNonNull(title, "title"));
        long id = ids.incrementAndGet();
        storages.put(id, st);
        return id;
    }

    ServerRec server(long id) {
        ServerRec s = servers.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no server " + id);
        }
        return s;
    }

    /** Whether a token is known and not expired on the stub's clock. */
    boolean valid(String token) {
        Instant expires = tokens.get(token);
        return expires != null && now().isBefore(expires);
    }

    /** Forgets one token (an injected 401). */
    void forget(String token) {
        tokens.remove(token);
        tokenUsers.remove(token);
    }

    /** The stub's clock: the base clock moved by {@link #advanceClock}. */
    private final class StubClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the stub's clock has a fixed zone");
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
