package dev.volga.endocs;

import dev.volga.api.spi.TypeRef;
import dev.volga.endocs.internal.Calls;
import dev.volga.endocs.model.AccountUser;
import dev.volga.endocs.model.ClientInfo;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/** The account: its quotas and users. Get it with {@link EndocsClient#account()}. */
public final class Account {

    private static final TypeRef<List<AccountUser>> USERS = new TypeRef<>() { };

    private final Calls calls;

    Account(Calls calls) {
        this.calls = calls;
    }

    /**
     * {@code GET /Output/GetClientInfo}: quotas and whether the account is blocked. It works on a
     * blocked account too, so it is the call to verify a token with.
     *
     * @return the account
     */
    public Mono<ClientInfo> info() {
        return calls.api().exchange(calls.get("/Output/GetClientInfo", "account.info").build(ClientInfo.class));
    }

    /**
     * {@code GET /Output/GetClientUsers}: the users of the account, sorted by e-mail.
     *
     * @return the users; an {@link AccountBlockedException} when the account is blocked
     */
    public Flux<AccountUser> users() {
        return calls.api().exchangeMany(calls.get("/Output/GetClientUsers", "account.users").build(USERS));
    }
}
