package io.switchboard.shared.db;

/**
 * Where PostgreSQL is and how the schema owner logs in. The application itself connects with the
 * same login but switches to the non-owner role {@value #APP_ROLE}, so row-level security applies.
 */
public record DatabaseServer(String jdbcUrl, String ownerUser, String ownerPassword, boolean embedded) {

    public static final String APP_ROLE = "switchboard_app";
}
