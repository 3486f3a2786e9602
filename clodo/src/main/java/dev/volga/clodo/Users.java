package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.ProfileUpdate;
import dev.volga.clodo.model.UserProfile;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Objects;

/** The account profile. */
public final class Users {

    private final Calls calls;

    Users(Calls calls) {
        this.calls = calls;
    }

    /** @return the profile ({@code GET /user/}), with the datacenters' API hosts */
    public Mono<UserProfile> profile() {
        return calls.one(ApiRequest.get("/user/"), "user.profile", "user", UserProfile.class);
    }

    /**
     * @param update the fields to change
     * @return completes when accepted ({@code POST /user/update})
     */
    public Mono<Void> update(ProfileUpdate update) {
        Objects.requireNonNull(update, "update");
        return calls.none(ApiRequest.post("/user/update").body(WireBody.bareJson("user", new LinkedHashMap<>(update.fields()))), "user.update");
    }
}
