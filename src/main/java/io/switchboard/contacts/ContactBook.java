package io.switchboard.contacts;

import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Contacts as the signed-in caller (user or API key) sees and edits them: the same rules as the HTTP
 * API, role checks and validation included. Used by the MCP server's tools.
 */
public interface ContactBook {

    /** Contacts whose name, phone or email contains {@code query} (all when blank), newest first. */
    PageResponse<ContactSummary> search(@Nullable String query, PageQuery page);

    /**
     * Creates a contact; needs the agent role. A phone without + uses {@code countryCode} (default IN).
     * Fails with a validation ApiProblem naming the field (invalid number, number already used, ...).
     */
    ContactSummary create(NewContact contact);

    record NewContact(
            @Nullable String name,
            @Nullable String phone,
            @Nullable String email,
            @Nullable String countryCode,
            @Nullable List<String> tags,
            @Nullable String notes) {}

    record ContactSummary(
            UUID id,
            @Nullable String name,
            @Nullable String phone,
            @Nullable String email,
            @Nullable String countryCode,
            List<String> tags,
            boolean optedOut,
            Instant createdAt) {}
}
