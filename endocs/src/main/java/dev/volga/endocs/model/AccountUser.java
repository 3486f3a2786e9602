package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user of the account ({@code GET /Output/GetClientUsers}).
 *
 * @param email the e-mail (login)
 * @param blocked whether the user is blocked
 * @param userName the display name
 */
public record AccountUser(
        @JsonProperty("Email") String email,
        @JsonProperty("Blocked") boolean blocked,
        @JsonProperty("UserName") String userName) {
}
