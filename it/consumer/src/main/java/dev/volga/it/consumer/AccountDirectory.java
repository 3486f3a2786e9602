package dev.volga.it.consumer;

import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.model.AccountUser;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;

/** Who may sign documents in an EnDocs Cloud account. */
public final class AccountDirectory {

    private final EndocsClient endocs;

    /**
     * @param endocs the EnDocs client to read with
     */
    public AccountDirectory(EndocsClient endocs) {
        this.endocs = Objects.requireNonNull(endocs, "endocs");
    }

    /**
     * The e-mail addresses of the account's users that are not blocked, sorted.
     *
     * @return the addresses
     */
    public Mono<List<String>> activeUsers() {
        return endocs.account().users()
                .filter(user -> !user.blocked())
                .map(AccountUser::email)
                .sort()
                .collectList();
    }
}
