package dev.volga.endocs;

import dev.volga.api.DecodingException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import dev.volga.endocs.internal.EndocsCodec;
import dev.volga.endocs.internal.EndocsJson;
import dev.volga.endocs.internal.KeyValue;
import dev.volga.endocs.model.AccountUser;
import dev.volga.endocs.model.ClientInfo;
import dev.volga.endocs.model.Document;
import dev.volga.endocs.model.DocumentSource;
import dev.volga.endocs.model.DocumentState;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.FeedPage;
import dev.volga.endocs.model.Organization;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.endocs.model.Scan;
import dev.volga.endocs.model.ScanItem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The codec reads what the 2022 server and its successors may send, and writes what the server reads. */
class LenientDecodingTest {

    private final EndocsCodec codec = new EndocsCodec(EndocsJson.mapper());

    private static ApiResponse ok(String json) {
        return new ApiResponse(200, Map.of("Content-Type", List.of("application/json")), json.getBytes(StandardCharsets.UTF_8),
                Instant.EPOCH, s -> s);
    }

    @Test
    void feedBodiesInEitherKeyValueCasingWithNullMeaningEmpty() {
        TypeRef<KeyValue<Document>> type = new TypeRef<>() { };
        KeyValue<Document> upper = codec.decode(ok("{\"Key\":2,\"Value\":[{\"id\":5},{\"Id\":6}]}"), type);
        KeyValue<Document> lower = codec.decode(ok("{\"key\":1,\"value\":[{\"ID\":7}]}"), type);
        KeyValue<Document> off = codec.decode(ok("{\"Key\":0,\"Value\":null}"), type);
        assertThat(upper.key()).isEqualTo(2);
        assertThat(upper.value()).extracting(Document::id).containsExactly(5L, 6L);
        assertThat(lower.value()).extracting(Document::id).containsExactly(7L);
        assertThat(new FeedPage<>(off.key(), off.value()).items()).isEmpty();
    }

    @Test
    void timestampsDatesMoneyAndOpenValues() {
        Document d = codec.decode(ok("""
                {"id": 1543, "source": "Входящий", "docNumber": "57", "docDate": "2022-05-30T12:00:00",
                 "docDateInvoice": "2022-05-29T12:00:00.1234567", "paymentDate": "0001-01-01T00:00:00Z",
                 "periodFrom": "2022-01-01T00:00:00+03:00", "periodTo": null,
                 "amount": 1200.0, "amountWOVAT": 1000, "vat": 200.10, "amountToPay": null,
                 "ext_ID": "doc-1c-guid", "state": "На доработке", "docTypeId": 1,
                 "organization": {"id": 7, "name": "ООО Ромашка", "inn": null, "ext_ID": null,
                                  "buttonDTO": {"id": 7, "clientId": 0, "organizationId": 0, "userId": null, "itemId": "7"}},
                 "created": "2022-06-01T10:00:00Z", "modified": "2022-06-01T10:00:00.5", "createdBy": "ExternalSystem",
                 "somethingNew": {"nested": [1, 2, 3]}, "binaries": null}
                """), TypeRef.of(Document.class));
        assertThat(d.source()).isEqualTo(DocumentSource.INCOMING);
        assertThat(d.docDate()).isEqualTo(LocalDate.of(2022, 5, 30));
        assertThat(d.docDateInvoice()).isEqualTo(LocalDate.of(2022, 5, 29));
        assertThat(d.paymentDate()).as("DateTime.MinValue is absent").isNull();
        assertThat(d.periodFrom()).as("the date as written, not shifted to UTC").isEqualTo(LocalDate.of(2022, 1, 1));
        assertThat(d.amount()).isEqualTo(new BigDecimal("1200.0"));
        assertThat(d.amountWoVat()).isEqualByComparingTo("1000");
        assertThat(d.vat()).isEqualTo(new BigDecimal("200.10"));
        assertThat(d.extId()).isEqualTo("doc-1c-guid");
        assertThat(d.state().value()).isEqualTo("На доработке");
        assertThat(d.state()).isEqualTo(DocumentState.of("На доработке")).isNotEqualTo(DocumentState.APPROVED);
        assertThat(d.organization().name()).isEqualTo("ООО Ромашка");
        assertThat(d.created()).isEqualTo(Instant.parse("2022-06-01T10:00:00Z"));
        assertThat(d.modified()).as("no zone: taken as UTC").isEqualTo(Instant.parse("2022-06-01T10:00:00.5Z"));

        ScanItem s = codec.decode(ok("{\"id\":905,\"ocRtype\":\"invoice\",\"docTypeName\":\"Поступление\",\"fileSize\":183422}"),
                TypeRef.of(ScanItem.class));
        assertThat(s.ocrType()).isEqualTo("invoice");
        assertThat(s.fileSize()).isEqualTo(183422L);
    }

    @Test
    void requestBodiesUseTheServersExactKeysAndDatesAsIsoDays() {
        DocumentUpsert body = DocumentUpsert.builder().requestId("r").extId("e").docTypeId(1).source(DocumentSource.OUTGOING)
                .amountWoVat(new BigDecimal("10.50")).docDate(LocalDate.of(2022, 6, 1)).ediId("edi")
                .organization(new OrganizationRef("o", null, "7700", null)).build();
        String json = new String(codec.encode(body).bytes(), StandardCharsets.UTF_8);
        assertThat(json).contains("\"RequestID\":\"r\"", "\"Ext_ID\":\"e\"", "\"DocTypeId\":1", "\"Source\":\"Исходящий\"",
                "\"AmountWOVAT\":10.50", "\"DocDate\":\"2022-06-01\"", "\"EDIId\":\"edi\"",
                "\"Organization\":{\"Ext_ID\":\"o\",\"INN\":\"7700\"}")
                .doesNotContain("null", "files", "namesEntity", "docNumber");
    }

    @Test
    void unreadableSuccessBodiesNameWhatWasExpected() {
        assertThatThrownBy(() -> codec.decode(ok(""), TypeRef.of(ClientInfo.class)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("ClientInfo").hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode(ok("{\"docDate\":\"yesterday\"}"), TypeRef.of(Document.class)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("Document").hasMessageContaining("yesterday");
        assertThatThrownBy(() -> codec.decode(ok("Success"), TypeRef.of(Scan.class)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("text");
        assertThat(codec.decode(ok("Success"), TypeRef.of(Void.class))).isNull();
    }

    @Test
    void theMapperCanBeCustomisedAfterTheEndocsSettings() {
        EndocsCodec strict = new EndocsCodec(EndocsJson.mapper(b -> b.disable(tools.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)));
        assertThat(strict.decode(ok("{\"id\":5,\"Id\":0}"), TypeRef.of(AccountUser.class)).email()).isNull();
        assertThat(strict.decode(ok("{\"Id\":5}"), TypeRef.of(Document.class)).id()).isEqualTo(5);
        assertThat(strict.decode(ok("{\"id\":5}"), TypeRef.of(Document.class)).id()).as("camelCase no longer binds").isZero();
        assertThatThrownBy(() -> EndocsClient.builder().mapper(null)).hasMessageContaining("mapper");
    }
}
