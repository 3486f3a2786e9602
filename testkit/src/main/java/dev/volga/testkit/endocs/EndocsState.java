package dev.volga.testkit.endocs;

import dev.volga.testkit.SecretScan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The EnDocs stub's state: the account's switches and token, and the entities (scans, contracts,
 * documents, organizations, counterparties, files, users) kept as JSON objects with the server's
 * PascalCase property names, plus the entity rules the routes share (upserts of the embedded
 * directories, binaries, date parsing). Every field is guarded by this object's monitor: the
 * routes hold it for a whole request, the control methods for each call.
 */
final class EndocsState {

    static final Set<String> CONTRACT_PROPS = props("Type", "Name", "DocNumber", "DocDate", "ValidityPeriod",
            "Ext_ID", "Amount", "AmountWOVAT", "VAT", "Currency", "Comment", "Subject", "State");
    static final Set<String> DOCUMENT_PROPS = props("Source", "DocNumber", "DocDate", "Amount", "AmountWOVAT",
            "AmountToPay", "VAT", "Currency", "DocNumTaxInvoice", "DocDateTaxInvoice", "DocNumInvoice", "DocDateInvoice",
            "DocTypeId", "Ext_ID", "State", "Comment", "Operation", "NotifyUser", "Paid", "Signed", "PaymentDate",
            "PaymentNumber", "PeriodFrom", "PeriodTo", "Reciever", "Address", "Delivery", "Contact", "TablePart",
            "CardData", "PackageID", "EDIId");
    private static final Set<String> DATE_PROPS = Set.of("DocDate", "ValidityPeriod", "PaymentDate", "PeriodFrom",
            "PeriodTo", "DocDateInvoice", "DocDateTaxInvoice", "Datetime1", "Datetime2", "Datetime3", "Datetime4");
    private static final Set<String> IN_RECOGNITION = Set.of("Отправка на распознавание", "На распознавании");
    private static final Set<String> APPROVED = Set.of("Согласовано", "Исполнено", "Ознакомлено", "Подписано");
    static final Map<Integer, String> DOC_TYPES = Map.ofEntries(Map.entry(1, "Поступление"),
            Map.entry(2, "Реализация"), Map.entry(4, "Договор"), Map.entry(5, "Счет-фактура исходящий"),
            Map.entry(6, "Счет исходящий"), Map.entry(7, "Банк"), Map.entry(8, "Авансовый отчет"), Map.entry(9, "Отчет"),
            Map.entry(10, "Акт сверки"), Map.entry(11, "Входящая корреспонденция"),
            Map.entry(12, "Исходящая корреспонденция"), Map.entry(13, "Прочее"), Map.entry(14, "Счет входящий"),
            Map.entry(15, "Счет-фактура входящий"), Map.entry(16, "Необработанные"), Map.entry(19, "Служебная записка"));
    static final int INVOICE_TYPE = 14;
    static final int INPUT_TYPE = 1;
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter UNZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The server's input formats after {@code yyyy-MM-dd}, in its order; true when the format has a time. */
    private static final List<Map.Entry<DateTimeFormatter, Boolean>> INPUT_DATES = List.of(
            Map.entry(DateTimeFormatter.ofPattern("MM-dd-yyyy"), false),
            Map.entry(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss"), true),
            Map.entry(DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm:ss"), true),
            Map.entry(DateTimeFormatter.ofPattern("dd.MM.yyyy"), false));

    final JsonMapper mapper = JsonMapper.builder().build();
    final JsonNodeFactory nodes = JsonNodeFactory.instance;

    // --- switches ---
    final String initialToken;
    String token;
    final Set<String> unverifiable = new LinkedHashSet<>();
    boolean rotateOnNextUse;
    boolean allAuthAs401;
    EndocsStub.ErrorForm errorForm = EndocsStub.ErrorForm.PLAIN_TEXT;
    boolean blocked;
    boolean storageFull;
    int minExchangeVersion;
    boolean syncContracts = true;
    boolean syncInvoices = true;
    boolean syncInputs = true;
    boolean onlyApproved;
    boolean lowercaseKeyValue;
    boolean escapePlus;
    /** Sequence numbers of requests refused for a missing, unknown, unverifiable or replaced token (own lock). */
    final Set<Long> staleTokenRequests = Collections.synchronizedSet(new HashSet<>());

    // --- data ---
    private long nextId = 100;
    final Map<Long, ObjectNode> scans = new TreeMap<>();
    final Map<Long, ObjectNode> contracts = new TreeMap<>();
    final Map<Long, ObjectNode> documents = new TreeMap<>();
    final Map<Long, ObjectNode> organizations = new TreeMap<>();
    final Map<Long, ObjectNode> contractors = new TreeMap<>();
    final Map<String, List<StoredFile>> files = new HashMap<>();
    final List<ObjectNode> users = new ArrayList<>();

    /** A stored file. */
    record StoredFile(String name, byte[] content) {
    }

    EndocsState(String token) {
        this.token = token;
        this.initialToken = token;
    }

    /** Back to the state after start (see {@link EndocsStub#reset()}); the journal is the server's. */
    synchronized void reset() {
        staleTokenRequests.clear();
        token = initialToken;
        unverifiable.clear();
        rotateOnNextUse = false;
        allAuthAs401 = false;
        errorForm = EndocsStub.ErrorForm.PLAIN_TEXT;
        blocked = false;
        storageFull = false;
        minExchangeVersion = 0;
        syncContracts = true;
        syncInvoices = true;
        syncInputs = true;
        onlyApproved = false;
        lowercaseKeyValue = false;
        escapePlus = false;
        nextId = 100;
        scans.clear();
        contracts.clear();
        documents.clear();
        organizations.clear();
        contractors.clear();
        files.clear();
        users.clear();
    }

    synchronized String token() {
        return token;
    }

    synchronized EndocsStub.ErrorForm errorForm() {
        return errorForm;
    }

    synchronized void unverifiableToken(String value) {
        unverifiable.add(Objects.requireNonNull(value, "value"));
        SecretScan.register(value);
    }

    /** Replaces the token with a fresh random one: the old one is refused from now on. */
    synchronized String rotateToken() {
        rotateOnNextUse = false;
        token = "rotated-" + java.util.UUID.randomUUID();
        SecretScan.register(token);
        return token;
    }

    long newId() {
        return nextId++;
    }

    // ------------------------------------------------------------------ seeding and read-back

    synchronized void addUser(String email, String userName, boolean isBlocked) {
        users.add(nodes.objectNode().put("email", email).put("blocked", isBlocked).put("userName", userName));
    }

    synchronized long addScan(String fileName, byte[] content, String sender, String ocrState) {
        long id = nextId++;
        ObjectNode s = nodes.objectNode();
        s.put("Id", id).put("FileName", fileName).put("FileSize", content.length).put("Sender", sender)
                .put("OcrState", ocrState).put("Deleted", false).put("Declined", false)
                .put("Created", now()).put("Modified", now());
        scans.put(id, s);
        files.put("NonFormID:" + id, new ArrayList<>(List.of(new StoredFile(fileName, content.clone()))));
        return id;
    }

    synchronized long addContract(Map<String, ?> fields) {
        long id = nextId++;
        ObjectNode c = mapper.valueToTree(fields);
        c.put("Id", id).put("DocTypeId", 4).put("DocType", "Договор").put("Created", now()).put("Modified", now());
        if (!c.has("Deleted")) {
            c.put("Deleted", false);
        }
        contracts.put(id, c);
        return id;
    }

    synchronized long addDocument(Map<String, ?> fields) {
        long id = nextId++;
        ObjectNode d = mapper.valueToTree(fields);
        d.put("Id", id).put("Created", now()).put("Modified", now());
        if (!d.has("Deleted")) {
            d.put("Deleted", false);
        }
        if (d.has("DocTypeId")) {
            d.put("DocType", DOC_TYPES.get(d.get("DocTypeId").asInt()));
        }
        documents.put(id, d);
        return id;
    }

    synchronized void addFile(String kind, long id, String fileName, byte[] content) {
        putFile(kind + ":" + id, fileName, content.clone());
    }

    synchronized Optional<Map<String, Object>> read(Map<Long, ObjectNode> entities, long id) {
        return Optional.ofNullable(entities.get(id)).map(this::toMap);
    }

    synchronized int entityCount() {
        return scans.size() + contracts.size() + documents.size();
    }

    synchronized Map<String, byte[]> files(String kind, long id) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (StoredFile f : files.getOrDefault(kind + ":" + id, List.of())) {
            out.put(f.name(), f.content());
        }
        return out;
    }

    private Map<String, Object> toMap(ObjectNode node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.treeToValue(node, LinkedHashMap.class);
        return map;
    }

    // ------------------------------------------------------------------ feeds and file lookups (lock held)

    List<ObjectNode> newScans(long docId) {
        return scans.values().stream()
                .filter(s -> !s.path("Deleted").asBoolean(false))
                .filter(s -> !IN_RECOGNITION.contains(s.path("OcrState").asString("")))
                .filter(s -> docId <= 0 || s.get("Id").asLong() > docId)
                .sorted(Comparator.comparing((ObjectNode s) -> s.get("Created").asString())
                        .thenComparing(s -> s.get("Id").asLong()).reversed())
                .toList();
    }

    List<ObjectNode> newContracts(long docId) {
        return contracts.values().stream()
                .filter(c -> blank(c.get("Ext_ID")) && !c.path("Deleted").asBoolean(false))
                .filter(c -> c.get("Id").asLong() > docId)
                .filter(c -> !onlyApproved || APPROVED.contains(c.path("State").asString("")))
                .toList();
    }

    List<ObjectNode> newDocuments(int type, long docId) {
        return documents.values().stream()
                .filter(d -> d.path("DocTypeId").asInt(0) == type)
                .filter(d -> blank(d.get("Ext_ID")) && !d.path("Deleted").asBoolean(false))
                .filter(d -> d.get("Id").asLong() > docId)
                .filter(d -> !onlyApproved || APPROVED.contains(d.path("State").asString("")))
                .toList();
    }

    List<StoredFile> byExtId(String id) {
        try {
            long n = Long.parseLong(id);
            List<StoredFile> scanFiles = files.get("NonFormID:" + n);
            ObjectNode s = scans.get(n);
            if (s != null && !s.path("Deleted").asBoolean(false) && scanFiles != null) {
                return scanFiles;
            }
        } catch (NumberFormatException notNumber) {
            // a 1C id
        }
        return byOneCId(id);
    }

    List<StoredFile> byOneCId(String id) {
        for (ObjectNode d : documents.values()) {
            if (id.equals(text(d.get("Ext_ID")))) {
                return files.get("MetaID:" + d.get("Id").asLong());
            }
        }
        for (ObjectNode c : contracts.values()) {
            if (id.equals(text(c.get("Ext_ID")))) {
                return files.get("ContractID:" + c.get("Id").asLong());
            }
        }
        return null;
    }

    List<StoredFile> byKind(String id, String kind) {
        if (kind.equals("ExtID")) {
            return byOneCId(id);
        }
        if (!Set.of("NonFormID", "MetaID", "ContractID").contains(kind)) {
            throw EndocsReject.error(400, "File not found ( #err-70)");
        }
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw EndocsReject.error(400, "Id is not int");
        }
        return files.get(kind + ":" + n);
    }

    // ------------------------------------------------------------------ entity rules (lock held)

    ObjectNode upsertOrganization(ObjectNode in) {
        String ext = text(ci(in, "Ext_ID"));
        ObjectNode found = organizations.values().stream().filter(o -> ext.equals(text(o.get("Ext_ID")))).findFirst()
                .orElseGet(() -> byInnKpp(organizations, in, null));
        if (found != null) {
            return found;
        }
        if (blank(ci(in, "Name"))) {
            throw EndocsReject.error(400, "Field Name in Organization list is required");
        }
        long id = nextId++;
        ObjectNode o = nodes.objectNode().put("Id", id).put("Name", text(ci(in, "Name"))).put("INN", text(ci(in, "INN")))
                .put("KPP", text(ci(in, "KPP"))).put("Ext_ID", ext).put("ClientId", 12);
        organizations.put(id, o);
        return o;
    }

    ObjectNode upsertContractor(ObjectNode in, ObjectNode org) {
        String ext = text(ci(in, "Ext_ID"));
        long orgId = org.get("Id").asLong();
        ObjectNode found = ext == null ? null : contractors.values().stream()
                .filter(c -> c.get("OrganizationId").asLong() == orgId && ext.equals(text(c.get("Ext_ID"))))
                .findFirst().orElse(null);
        if (found == null) {
            found = byInnKpp(contractors, in, orgId);
        }
        if (found != null) {
            return found;
        }
        if (blank(ci(in, "Name"))) {
            throw EndocsReject.error(400, "Field Name in Contractor list is required");
        }
        long id = nextId++;
        ObjectNode c = nodes.objectNode().put("Id", id).put("Name", text(ci(in, "Name"))).put("INN", text(ci(in, "INN")))
                .put("KPP", text(ci(in, "KPP"))).put("Ext_ID", ext).put("OrganizationId", orgId);
        contractors.put(id, c);
        return c;
    }

    ObjectNode upsertContractRef(ObjectNode in, ObjectNode org, ObjectNode docContractor) {
        String ext = text(ci(in, "Ext_ID"));
        if (ext != null) {
            for (ObjectNode c : contracts.values()) {
                if (ext.equals(text(c.get("Ext_ID")))) {
                    return c;
                }
            }
        }
        if (blank(ci(in, "Name"))) {
            throw EndocsReject.error(400, "Field Name in Contract list is required");
        }
        ObjectNode ownIn = object(in, "Contractor");
        ObjectNode contractor = ownIn != null ? upsertContractor(ownIn, org) : docContractor;
        if (contractor == null) {
            throw EndocsReject.error(400, "Field Contractor in Contract list is required");
        }
        long id = nextId++;
        ObjectNode c = nodes.objectNode().put("Id", id).put("Name", text(ci(in, "Name"))).put("Ext_ID", ext)
                .put("OrganizationId", org.get("Id").asLong()).put("ContractorId", contractor.get("Id").asLong())
                .put("DocTypeId", 4).put("DocType", "Договор").put("State", "Проведено в 1С").put("Deleted", false)
                .put("Created", now()).put("Modified", now()).put("CreatedBy", "ExternalSystem");
        contracts.put(id, c);
        return c;
    }

    private static ObjectNode byInnKpp(Map<Long, ObjectNode> all, ObjectNode in, Long orgId) {
        String inn = text(ci(in, "INN"));
        String kpp = text(ci(in, "KPP"));
        if (inn == null) {
            return null;
        }
        return all.values().stream().filter(o -> orgId == null || o.path("OrganizationId").asLong() == orgId)
                .filter(o -> inn.equals(text(o.get("INN"))) && Objects.equals(kpp, text(o.get("KPP"))))
                .findFirst().orElse(null);
    }

    /** The files of {@code Binaries}; a create needs an array (a missing one fails with 500, as the server does). */
    List<StoredFile> binaries(ObjectNode body, boolean create) {
        JsonNode bins = ci(body, "Binaries");
        List<StoredFile> out = new ArrayList<>();
        if (bins == null || bins.isNull()) {
            if (create) {
                throw EndocsReject.error(500, "Database Failure");
            }
            return out;
        }
        if (!bins.isArray()) {
            throw EndocsReject.error(500, "Database Failure");
        }
        for (JsonNode b : bins) {
            JsonNode data = b.isObject() ? ci((ObjectNode) b, "FileBase64") : null;
            JsonNode name = b.isObject() ? ci((ObjectNode) b, "FileName") : null;
            if (blank(data)) {
                throw EndocsReject.error(400, "No binaries FileBase64 string");
            }
            if (blank(name)) {
                throw EndocsReject.error(400, "No file name");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.asString());
            } catch (IllegalArgumentException e) {
                throw EndocsReject.error(400, "Can not parse File to Base64");
            }
            if (bytes.length > EndocsStub.MAX_FILE_SIZE) {
                throw EndocsReject.error(400, "Max File size exceeded ( #err-20)");
            }
            out.add(new StoredFile(name.asString(), bytes));
        }
        return out;
    }

    void moveScanFile(ObjectNode body, String target) {
        JsonNode nonForm = ci(body, "NonFormID");
        if (nonForm == null || !nonForm.isNumber() || nonForm.asLong() == 0) {
            return;
        }
        ObjectNode s = scans.get(nonForm.asLong());
        if (s == null) {
            return;
        }
        for (StoredFile f : files.getOrDefault("NonFormID:" + nonForm.asLong(), List.of())) {
            putFile(target, f.name(), f.content());
        }
        s.put("Deleted", true).put("Modified", now());
    }

    void putFile(String key, String name, byte[] content) {
        List<StoredFile> list = files.computeIfAbsent(key, k -> new ArrayList<>());
        list.removeIf(f -> f.name().equals(name));
        list.add(new StoredFile(name, content));
    }

    /** Update: only keys spelled exactly as a property name are copied; others are silently skipped. */
    void copyExact(ObjectNode body, ObjectNode entity, Set<String> props) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (props.contains(e.getKey())) {
                entity.set(e.getKey(), normalise(e.getKey(), e.getValue()));
            }
        }
    }

    /** Create: keys matched to property names case-insensitively. */
    void copyCaseInsensitive(ObjectNode body, ObjectNode entity, Set<String> props) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            for (String p : props) {
                if (p.equalsIgnoreCase(e.getKey())) {
                    entity.set(p, normalise(p, e.getValue()));
                }
            }
        }
    }

    private JsonNode normalise(String prop, JsonNode value) {
        if (DATE_PROPS.contains(prop) && value.isString()) {
            return nodes.stringNode(inputDate(value.asString()));
        }
        return value;
    }

    /** The server's date parsing: several formats; a value with zero minutes and seconds moves to 12:00. */
    static String inputDate(String text) {
        LocalDateTime parsed = null;
        try {
            parsed = LocalDate.parse(text).atStartOfDay();
        } catch (DateTimeParseException e) {
            for (Map.Entry<DateTimeFormatter, Boolean> f : INPUT_DATES) {
                try {
                    parsed = f.getValue() ? LocalDateTime.parse(text, f.getKey()) : LocalDate.parse(text, f.getKey()).atStartOfDay();
                    break;
                } catch (DateTimeParseException next) {
                    // try the next format
                }
            }
            if (parsed == null) {
                try {
                    parsed = LocalDateTime.parse(text);
                } catch (DateTimeParseException last) {
                    return text;
                }
            }
        }
        if (parsed.getMinute() == 0 && parsed.getSecond() == 0) {
            parsed = parsed.withHour(12);
        }
        return parsed.format(UNZONED);
    }

    // ------------------------------------------------------------------ node helpers

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).format(ZONED);
    }

    static ObjectNode object(ObjectNode body, String key) {
        JsonNode n = ci(body, key);
        return n != null && n.isObject() ? (ObjectNode) n : null;
    }

    /** A property matched first exactly, then without regard to case, as System.Text.Json binds. */
    static JsonNode ci(ObjectNode node, String key) {
        JsonNode exact = node.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    static boolean blank(JsonNode n) {
        return n == null || n.isNull() || (n.isString() && n.asString().isBlank());
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }

    private static Set<String> props(String... names) {
        Set<String> all = new LinkedHashSet<>(List.of(names));
        for (int i = 1; i <= 8; i++) {
            all.add("String" + i);
        }
        for (int i = 1; i <= 4; i++) {
            all.add("Int" + i);
            all.add("Datetime" + i);
            all.add("Bool" + i);
        }
        return Set.copyOf(all);
    }
}
