package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The account ({@code GET /Output/GetClientInfo}): quotas and whether it is blocked. The server
 * fills only these fields (most others of its object are null); the token it may echo is never
 * read.
 *
 * @param id the account id
 * @param name the account name, usually null
 * @param usersQuota how many users the plan allows
 * @param usersUsed how many users exist
 * @param storageQuota storage allowed, in GB (as the server's quota check reads it)
 * @param storageUsed storage used, in MB
 * @param ocrQuota OCR pages allowed, or null
 * @param ocrUsed OCR pages used, or null
 * @param blocked whether the account is blocked, or null
 * @param tokenExpires when the token expires, or null when the server did not say
 */
public record ClientInfo(
        @JsonProperty("Id") long id,
        @JsonProperty("Name") String name,
        @JsonProperty("UsersQuota") Integer usersQuota,
        @JsonProperty("UsersUsed") Integer usersUsed,
        @JsonProperty("StorageQuota") BigDecimal storageQuota,
        @JsonProperty("StorageUsed") BigDecimal storageUsed,
        @JsonProperty("OcrQuota") Integer ocrQuota,
        @JsonProperty("OcrUsed") Integer ocrUsed,
        @JsonProperty("Blocked") Boolean blocked,
        @JsonProperty("TokenExpires") Instant tokenExpires) {
}
