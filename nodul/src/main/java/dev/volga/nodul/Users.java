package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.model.User;
import reactor.core.publisher.Flux;

import java.util.Objects;

/** The organisation's users. Get it from {@link NodulClient#users()}. */
public final class Users {

    private final Calls calls;

    Users(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists every user with their spaces, without subscriptions ({@code POST /users/list}).
     *
     * @return the users, element by element
     */
    public Flux<User> list() {
        return list(UserQuery.all());
    }

    /**
     * Lists users with options and filters ({@code POST /users/list}).
     *
     * @param query the options and filters
     * @return the users, element by element
     * @throws NullPointerException if the query is null
     */
    public Flux<User> list(UserQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        return calls.postList("/users/list", "users.list", query.toWire(), "users", User.class);
    }
}
