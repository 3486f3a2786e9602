package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.internal.Payloads;
import dev.volga.nodul.model.Space;
import dev.volga.nodul.model.SpaceRole;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Spaces: access and names. A user's personal space is addressed by its owner's user id, the
 * tenant space by a flag. Get it from {@link NodulClient#spaces()}.
 */
public final class Spaces {

    private final Calls calls;

    Spaces(Calls calls) {
        this.calls = calls;
    }

    /**
     * Adds a user to another user's space ({@code POST /space/access/grant} with
     * {@code add_to_tenant_space:false}).
     *
     * @param granteeUserId the user who gets access, not blank
     * @param ownerUserId the owner of the space, not blank
     * @param role the role in the space
     * @return completes when done
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an id is blank
     */
    public Mono<Void> grantAccess(String granteeUserId, String ownerUserId, SpaceRole role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grantee_user_id", Checks.notBlank(granteeUserId, "granteeUserId"));
        body.put("owner_user_id", Checks.notBlank(ownerUserId, "ownerUserId"));
        body.put("add_to_tenant_space", false);
        body.put("role_id", Objects.requireNonNull(role, "role must not be null").id());
        return calls.post("/space/access/grant", "spaces.grantAccess", body, false, Void.class);
    }

    /**
     * Adds a user to the tenant space only ({@code POST /space/access/grant} with
     * {@code add_to_tenant_space:true}, no owner).
     *
     * @param granteeUserId the user who gets access, not blank
     * @param role the role in the space
     * @return completes when done
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Mono<Void> grantTenantSpaceAccess(String granteeUserId, SpaceRole role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grantee_user_id", Checks.notBlank(granteeUserId, "granteeUserId"));
        body.put("add_to_tenant_space", true);
        body.put("role_id", Objects.requireNonNull(role, "role must not be null").id());
        return calls.post("/space/access/grant", "spaces.grantAccess", body, false, Void.class);
    }

    /**
     * Removes a user from another user's space ({@code POST /space/access/revoke} with
     * {@code revoke_from_tenant_space:false}).
     *
     * @param granteeUserId the user who loses access, not blank
     * @param ownerUserId the owner of the space, not blank
     * @return completes when done
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an id is blank
     */
    public Mono<Void> revokeAccess(String granteeUserId, String ownerUserId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grantee_user_id", Checks.notBlank(granteeUserId, "granteeUserId"));
        body.put("owner_user_id", Checks.notBlank(ownerUserId, "ownerUserId"));
        body.put("revoke_from_tenant_space", false);
        return calls.post("/space/access/revoke", "spaces.revokeAccess", body, false, Void.class);
    }

    /**
     * Removes a user from the tenant space ({@code POST /space/access/revoke} with
     * {@code revoke_from_tenant_space:true}, no owner).
     *
     * @param granteeUserId the user who loses access, not blank
     * @return completes when done
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Mono<Void> revokeTenantSpaceAccess(String granteeUserId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grantee_user_id", Checks.notBlank(granteeUserId, "granteeUserId"));
        body.put("revoke_from_tenant_space", true);
        return calls.post("/space/access/revoke", "spaces.revokeAccess", body, false, Void.class);
    }

    /**
     * Renames a space ({@code POST /space/update}); the id is sent as a string.
     *
     * @param spaceId the space id, not blank
     * @param name the new name, not blank
     * @return the renamed space
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is blank
     */
    public Mono<Space> rename(String spaceId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("space_id", Checks.notBlank(spaceId, "spaceId"));
        body.put("name", Checks.notBlank(name, "name"));
        return calls.post("/space/update", "spaces.rename", body, false, Payloads.SpaceData.class)
                .map(Payloads.SpaceData::space);
    }
}
