package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A scenario (automation) in a space.
 *
 * @param id the scenario id
 * @param title the title
 * @param nodeCount the number of nodes (a JSON string on the wire)
 * @param active whether it is active
 * @param status the status as sent, e.g. {@code deployed}
 * @param lastVersion the last version number (a JSON string on the wire)
 * @param folderId the folder id, empty when not in a folder
 * @param description the description, possibly empty
 * @param createdAt when it was created, or null
 * @param lastModifiedAt when it was last changed, or null
 * @param createdBy who created it, or null
 * @param lastModifiedBy who last changed it, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Scenario(@JsonProperty("id") String id,
                       @JsonProperty("title") String title,
                       @JsonProperty("node_count") long nodeCount,
                       @JsonProperty("active") boolean active,
                       @JsonProperty("status") String status,
                       @JsonProperty("last_version") long lastVersion,
                       @JsonProperty("folder_id") String folderId,
                       @JsonProperty("description") String description,
                       @JsonProperty("created_at") Instant createdAt,
                       @JsonProperty("last_modified_at") Instant lastModifiedAt,
                       @JsonProperty("created_by") UserRef createdBy,
                       @JsonProperty("last_modified_by") UserRef lastModifiedBy) {
}
