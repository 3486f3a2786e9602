package dev.volga.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.junit.StubKind;
import dev.volga.testkit.junit.StubUrl;
import dev.volga.testkit.junit.VolgaStubs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AccountDirectory} against the EnDocs stub, the client built from an injected URL. */
@VolgaStubs
class AccountDirectoryTest {

    @Test
    void listsTheUsersWhoAreNotBlocked(EndocsStub endocs, @StubUrl(StubKind.ENDOCS) String baseUrl) {
        endocs.addUser("zoya@example.ru", "Zoya", false);
        endocs.addUser("boris@example.ru", "Boris", true);
        endocs.addUser("anna@example.ru", "Anna", false);

        try (EndocsClient client = EndocsClient.builder().baseUrl(baseUrl).token(Secret.of(endocs.token())).build()) {
            List<String> users = new AccountDirectory(client).activeUsers().block();

            assertThat(users).containsExactly("anna@example.ru", "zoya@example.ru");
        }

        assertThat(endocs.server().journal()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualToIgnoringCase("/api/Output/GetClientUsers");
            assertThat(request.header("Authorization")).contains("Bearer " + endocs.token());
        });
    }
}
