package dev.volga.nodul.model;

/** The role a user gets in a space ({@code role_id} on the wire). */
public enum SpaceRole {
    /** 1: administrator (only one per space). */
    ADMIN(1),
    /** 2: manager. */
    MANAGER(2),
    /** 3: no-code builder. */
    NO_CODE(3),
    /** 4: read only. */
    READ_ONLY(4),
    /** 5: credentials only. */
    CREDENTIAL_ONLY(5);

    private final long id;

    SpaceRole(long id) {
        this.id = id;
    }

    /** @return the numeric {@code role_id} */
    public long id() {
        return id;
    }
}
