package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The account profile (the most used fields; see the spec for the full list).
 *
 * @param id the account id
 * @param login the login
 * @param lastVisit last visit
 * @param added registration
 * @param balance the balance, roubles
 * @param family family name
 * @param firstName first name
 * @param lastName patronymic
 * @param jabber Jabber
 * @param email e-mail
 * @param phone phone
 * @param icq ICQ
 * @param skype Skype
 * @param orgName organisation
 * @param inn tax number
 * @param defaultVpsNum default VPS
 * @param defaultStorageNum default store
 * @param scaleExists whether Scale servers exist
 * @param dcs datacenters and their API hosts
 * @param authIps IPs allowed to log in
 * @param authLog recent logins
 */
public record UserProfile(
        @JsonProperty("users_id") Long id,
        @JsonProperty("users_login") String login,
        @JsonProperty("users_last_visit") LocalDateTime lastVisit,
        @JsonProperty("users_added") LocalDateTime added,
        @JsonProperty("users_balance") BigDecimal balance,
        @JsonProperty("users_family") String family,
        @JsonProperty("users_firstname") String firstName,
        @JsonProperty("users_lastname") String lastName,
        @JsonProperty("users_profile_jabber") String jabber,
        @JsonProperty("users_profile_email") String email,
        @JsonProperty("users_profile_phone") String phone,
        @JsonProperty("users_profile_icq") String icq,
        @JsonProperty("users_profile_skype") String skype,
        @JsonProperty("users_profile_orgname") String orgName,
        @JsonProperty("users_profile_inn") String inn,
        String defaultVpsNum,
        String defaultStorageNum,
        Boolean scaleExists,
        List<Datacenter> dcs,
        List<AuthIp> authIps,
        List<AuthLogEntry> authLog) {

    /**
     * Lists are never null: absent lists are empty.
     *
     * @param id the account id
     * @param login the login
     * @param lastVisit last visit
     * @param added registration
     * @param balance the balance, roubles
     * @param family family name
     * @param firstName first name
     * @param lastName patronymic
     * @param jabber Jabber
     * @param email e-mail
     * @param phone phone
     * @param icq ICQ
     * @param skype Skype
     * @param orgName organisation
     * @param inn tax number
     * @param defaultVpsNum default VPS
     * @param defaultStorageNum default store
     * @param scaleExists whether Scale servers exist
     * @param dcs datacenters and their API hosts
     * @param authIps IPs allowed to log in
     * @param authLog recent logins
     */
    public UserProfile {
        dcs = dcs == null ? List.of() : List.copyOf(dcs);
        authIps = authIps == null ? List.of() : List.copyOf(authIps);
        authLog = authLog == null ? List.of() : List.copyOf(authLog);
    }
}
