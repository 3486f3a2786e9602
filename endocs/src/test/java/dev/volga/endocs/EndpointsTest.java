package dev.volga.endocs;

import dev.volga.api.NotFoundException;
import dev.volga.endocs.model.AccountUser;
import dev.volga.endocs.model.Contract;
import dev.volga.endocs.model.ContractRef;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.ContractorRef;
import dev.volga.endocs.model.Document;
import dev.volga.endocs.model.DocumentSource;
import dev.volga.endocs.model.DocumentState;
import dev.volga.endocs.model.DocumentTypes;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.EndocsFile;
import dev.volga.endocs.model.FeedPage;
import dev.volga.endocs.model.FileUpload;
import dev.volga.endocs.model.Organization;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.endocs.model.Scan;
import dev.volga.endocs.model.ScanDecline;
import dev.volga.endocs.model.ScanItem;
import dev.volga.endocs.model.ScanUpload;
import dev.volga.endocs.model.UpsertResult;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every one of the 15 endpoints round-trips against the EnDocs stub. */
@ExtendWith(NoLeaks.class)
class EndpointsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private EndocsStub stub;
    private EndocsClient client;

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
        client = Fixtures.client(stub).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void accountInfoAndUsers() {
        stub.addUser("z@example.ru", "Зайцев", false);
        stub.addUser("a@example.ru", "Иванова А.", true);

        StepVerifier.create(client.account().info()).assertNext(info -> {
            assertThat(info.id()).isEqualTo(12);
            assertThat(info.usersQuota()).isEqualTo(10);
            assertThat(info.usersUsed()).isEqualTo(2);
            assertThat(info.storageQuota()).isEqualByComparingTo("5.0");
            assertThat(info.storageUsed()).isEqualByComparingTo("120.5");
            assertThat(info.blocked()).isFalse();
            assertThat(info.tokenExpires()).as("0001-01-01T00:00:00Z means unset").isNull();
        }).verifyComplete();
        StepVerifier.create(client.account().users())
                .expectNext(new AccountUser("a@example.ru", true, "Иванова А."))
                .expectNext(new AccountUser("z@example.ru", false, "Зайцев"))
                .verifyComplete();

        RecordedRequest req = stub.server().requests("GET", "/api/Output/GetClientInfo").get(0);
        assertThat(req.header("Authorization")).contains("Bearer " + EndocsStub.DEFAULT_TOKEN);
        assertThat(req.header("Accept")).contains("application/json");
    }

    @Test
    void scansFeedUploadDownloadAndDecline() {
        long mailed = stub.addScan("mail.pdf", "%PDF-mail".getBytes(StandardCharsets.UTF_8), "manager@example.ru");
        stub.addScan("busy.pdf", new byte[] {1}, "x@example.ru", "На распознавании");

        Scan uploaded = client.scans().upload(ScanUpload.of(FileUpload.of("bill.pdf", "%PDF-bill".getBytes(StandardCharsets.UTF_8)))
                .withSender("buh@example.ru").withComment("счёт от поставщика")).block(WAIT);
        assertThat(uploaded).isNotNull();
        assertThat(uploaded.id()).isGreaterThan(mailed);
        assertThat(uploaded.fileName()).isEqualTo("bill.pdf");
        assertThat(uploaded.sender()).isEqualTo("buh@example.ru");
        assertThat(uploaded.requestId()).hasSize(36);

        FeedPage<ScanItem> page = client.feeds().unprocessedScans().pull(0).block(WAIT);
        assertThat(page.count()).as("the scan in recognition is left out").isEqualTo(2);
        assertThat(page.items()).extracting(ScanItem::fileName).containsExactly("bill.pdf", "mail.pdf");
        assertThat(page.nextCursor(0)).isEqualTo(uploaded.id());
        assertThat(client.feeds().unprocessedScans().pull(mailed).block(WAIT).items()).extracting(ScanItem::id)
                .containsExactly(uploaded.id());

        assertThat(client.files().get(FileSelector.byScanId(uploaded.id())).block(WAIT))
                .containsExactly(new EndocsFile("bill.pdf", "%PDF-bill".getBytes(StandardCharsets.UTF_8)));
        assertThat(client.files().byExtId(Long.toString(mailed)).block(WAIT))
                .containsExactly(new EndocsFile("mail.pdf", "%PDF-mail".getBytes(StandardCharsets.UTF_8)));

        client.scans().decline(ScanDecline.of(mailed, "Иванова А.", "не наш документ")).block(WAIT);
        assertThat(stub.scan(mailed)).hasValueSatisfying(s -> {
            assertThat(s).containsEntry("Declined", true).containsEntry("DeclinedBy", "Иванова А.");
        });
        assertThat(client.feeds().unprocessedScans().pull(0).block(WAIT).items()).extracting(ScanItem::id)
                .containsExactly(uploaded.id());
        String declineBody = stub.server().requests("POST", "/api/Metadata/DocApproval").get(0).bodyText();
        assertThat(declineBody).contains("\"NonFormID\":" + mailed, "\"Approved\":false", "\"RequestID\":\"");
    }

    @Test
    void contractCreateThenUpdateReallyChangesTheServerState() {
        UpsertResult<Contract> created = client.contracts().upsert(ContractUpsert.builder()
                .extId("dog-1c-guid").name("Договор поставки №5").docNumber("5").docDate(LocalDate.of(2022, 6, 1))
                .amount(new BigDecimal("100000.00")).currency("RUB").organization(Fixtures.org()).contractor(Fixtures.contractor())
                .file(FileUpload.of("dogovor5.pdf", new byte[] {1, 2, 3}))
                .build()).block(WAIT);
        assertThat(created).isInstanceOf(UpsertResult.Created.class);
        Contract contract = ((UpsertResult.Created<Contract>) created).entity();
        assertThat(contract.name()).isEqualTo("Договор поставки №5");
        assertThat(contract.docDate()).isEqualTo(LocalDate.of(2022, 6, 1));
        assertThat(contract.state()).isEqualTo(DocumentState.POSTED_IN_1C);

        String sent = stub.server().requests("POST", "/api/Contract/AddOrUpdateContract").get(0).bodyText();
        assertThat(sent).contains("\"Ext_ID\":\"dog-1c-guid\"", "\"DocNumber\":\"5\"", "\"DocDate\":\"2022-06-01\"",
                "\"Organization\":{", "\"INN\":\"7700000000\"", "\"Binaries\":[{\"FileName\":\"dogovor5.pdf\",\"FileBase64\":\"AQID\"}]");

        UpsertResult<Contract> updated = client.contracts().upsert(ContractUpsert.builder()
                .contractId(contract.id()).name("Договор поставки №5").docNumber("5-bis").state(DocumentState.SIGNED)
                .organization(OrganizationRef.of("org-1c-guid")).contractor(ContractorRef.of("ctr-1c-guid")).build()).block(WAIT);
        assertThat(updated).isInstanceOf(UpsertResult.Updated.class);
        assertThat(stub.contract(contract.id())).hasValueSatisfying(c -> assertThat(c)
                .containsEntry("DocNumber", "5-bis").containsEntry("State", "Подписано")
                .as("an update leaves fields it does not send").containsEntry("Currency", "RUB"));
        assertThat(client.files().byContractId(contract.id()).block(WAIT))
                .containsExactly(new EndocsFile("dogovor5.pdf", new byte[] {1, 2, 3}));
    }

    @Test
    void newContractsFeedHonoursTheSyncSettings() {
        long approved = stub.addContract(Map.of("Name", "Договор аренды", "State", "Согласовано", "DocNumber", "15/22"));
        long draft = stub.addContract(Map.of("Name", "Черновик", "State", "Новый"));
        stub.addContract(Map.of("Name", "Уже в 1С", "Ext_ID", "in-1c"));
        stub.addFile("ContractID", approved, "arenda.pdf", new byte[] {9});

        assertThat(client.feeds().newContracts().items(0).collectList().block(WAIT)).extracting(Contract::id)
                .containsExactly(approved, draft);
        stub.syncSettings(true, true, true, true);
        assertThat(client.feeds().newContracts().items(0).collectList().block(WAIT)).singleElement()
                .satisfies(c -> {
                    assertThat(c.id()).isEqualTo(approved);
                    assertThat(c.state()).isEqualTo(DocumentState.APPROVED);
                    assertThat(c.docNumber()).isEqualTo("15/22");
                });
        stub.syncSettings(false, true, true, false);
        StepVerifier.create(client.feeds().newContracts().pull(0))
                .assertNext(p -> assertThat(p).isEqualTo(new FeedPage<Contract>(0, List.of()))).verifyComplete();

        // 1C takes the contract: it leaves the feed
        stub.syncSettings(true, true, true, false);
        client.contracts().upsert(ContractUpsert.builder().contractId(approved).extId("dog-from-endocs").name("Договор аренды")
                .organization(Fixtures.org()).contractor(Fixtures.contractor()).build()).block(WAIT);
        assertThat(client.feeds().newContracts().items(0).collectList().block(WAIT)).extracting(Contract::id)
                .containsExactly(draft);
        assertThat(client.files().byId("dog-from-endocs", FileKind.EXT_ID).block(WAIT)).extracting(EndocsFile::fileName)
                .containsExactly("arenda.pdf");
    }

    @Test
    void invoicesAndInputsFeedsThenDocumentsWrittenBack() {
        long invoice = stub.addDocument(Map.of("DocTypeId", 14, "Source", "Входящий", "DocNumber", "A-1",
                "DocDate", "2022-05-30T12:00:00", "AmountToPay", 1200.5, "State", "Согласовано"));
        long input = stub.addDocument(Map.of("DocTypeId", 1, "Source", "Входящий", "DocNumber", "57", "Amount", 1200));
        stub.addFile("MetaID", input, "torg12.pdf", new byte[] {4, 5});

        StepVerifier.create(client.feeds().newInvoices().items(0)).assertNext(d -> {
            assertThat(d.id()).isEqualTo(invoice);
            assertThat(d.source()).isEqualTo(DocumentSource.INCOMING);
            assertThat(d.docDate()).isEqualTo(LocalDate.of(2022, 5, 30));
            assertThat(d.amountToPay()).isEqualByComparingTo("1200.5");
            assertThat(d.docType()).isEqualTo("Счет входящий");
        }).verifyComplete();
        StepVerifier.create(client.feeds().newInputs().items(0))
                .assertNext(d -> assertThat(d.amount()).isEqualByComparingTo("1200")).verifyComplete();
        assertThat(client.files().byDocumentId(input).block(WAIT)).containsExactly(new EndocsFile("torg12.pdf", new byte[] {4, 5}));

        UpsertResult<Document> back = client.documents().upsert(DocumentUpsert.builder().metaId(input).extId("doc-1c-guid")
                .docTypeId(DocumentTypes.RECEIPT).source(DocumentSource.INCOMING).organization(Fixtures.org())
                .docNumber("57/1").build()).block(WAIT);
        assertThat(back).isEqualTo(new UpsertResult.Updated<Document>(back.requestId()));
        assertThat(stub.document(input)).hasValueSatisfying(d -> assertThat(d)
                .containsEntry("Ext_ID", "doc-1c-guid").containsEntry("DocNumber", "57/1"));
        assertThat(client.feeds().newInputs().items(0).collectList().block(WAIT)).isEmpty();
        assertThat(client.files().byId("doc-1c-guid", FileKind.EXT_ID).block(WAIT)).hasSize(1);
        assertThat(client.files().byId(Long.toString(input), FileKind.META_ID).block(WAIT)).hasSize(1);
    }

    @Test
    void documentCreateFromAScanAndInternalDocuments() {
        long scan = stub.addScan("scan.pdf", new byte[] {7, 7}, "m@example.ru");
        UpsertResult<Document> created = client.documents().upsert(DocumentUpsert.builder()
                .extId("doc-2").docTypeId(DocumentTypes.RECEIPT).source(DocumentSource.INCOMING).docNumber("58")
                .docDate(LocalDate.of(2022, 5, 30)).amount(new BigDecimal("1200.00")).vat(new BigDecimal("200.00"))
                .organization(Fixtures.org()).contractor(Fixtures.contractor())
                .contract(new ContractRef("dog-1c-guid", "Договор поставки №5", null)).nonFormId(scan).build()).block(WAIT);
        Document doc = ((UpsertResult.Created<Document>) created).entity();
        assertThat(doc.extId()).isEqualTo("doc-2");
        assertThat(doc.organization().name()).isEqualTo("ООО Ромашка");
        assertThat(doc.contract().name()).isEqualTo("Договор поставки №5");
        assertThat(doc.createdBy()).isEqualTo("ExternalSystem");
        assertThat(doc.created()).isNotNull();
        assertThat(stub.files("MetaID", doc.id())).containsKey("scan.pdf");
        assertThat(stub.scan(scan)).hasValueSatisfying(s -> assertThat(s).containsEntry("Deleted", true));
        String sent = stub.server().requests("POST", "/api/Metadata/AddOrUpdateExtDoc").get(0).bodyText();
        assertThat(sent).contains("\"Source\":\"Входящий\"", "\"DocTypeId\":1", "\"NonFormID\":" + scan, "\"VAT\":200.00",
                "\"Binaries\":[]").doesNotContain("null");

        UpsertResult<Document> memo = client.documents().upsertInternal(DocumentUpsert.builder().extId("memo-1")
                .docTypeId(DocumentTypes.MEMO).organization(OrganizationRef.of("org-1c-guid")).comment("первая").build()).block(WAIT);
        Document internal = ((UpsertResult.Created<Document>) memo).entity();
        assertThat(internal.source()).isEqualTo(DocumentSource.INTERNAL);
        UpsertResult<Document> again = client.documents().upsertInternal(DocumentUpsert.builder().extId("memo-1")
                .organization(OrganizationRef.of("org-1c-guid")).comment("вторая").build()).block(WAIT);
        assertThat(again).isInstanceOf(UpsertResult.Updated.class);
        assertThat(stub.document(internal.id())).hasValueSatisfying(d -> assertThat(d).containsEntry("Comment", "вторая"));
    }

    @Test
    void theFourFileRoutesAnd404Mapping() {
        long doc = stub.addDocument(Map.of("DocTypeId", 1, "Ext_ID", "x-1"));
        stub.addFile("MetaID", doc, "a.pdf", new byte[] {1});
        stub.addFile("MetaID", doc, "b.xml", new byte[] {2});

        assertThat(client.files().byExtId("x-1").block(WAIT)).extracting(EndocsFile::fileName).containsExactly("a.pdf", "b.xml");
        assertThat(client.files().byId("x-1", FileKind.EXT_ID).block(WAIT)).hasSize(2);
        assertThat(client.files().byDocumentId(doc).block(WAIT)).hasSize(2);
        StepVerifier.create(client.files().byContractId(doc)).expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(NotFoundException.class).hasMessageContaining("#err-70")).verify(WAIT);
        StepVerifier.create(client.files().byExtId("nope")).expectError(NotFoundException.class).verify(WAIT);
        assertThat(stub.server().requests("GET", "/api/File/GetFileByExtIntId/x-1/ExtID")).hasSize(1);
    }

    @Test
    void basePathIsConfigurable() {
        try (EndocsClient moved = Fixtures.client(stub).basePath("/v2").build()) {
            StepVerifier.create(moved.account().info()).expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("basePath")).verify(WAIT);
        }
        assertThat(stub.server().requests("GET", "/v2/Output/GetClientInfo")).hasSize(1);
    }
}
