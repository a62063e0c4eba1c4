package io.switchboard.calls;

import io.switchboard.shared.PageQuery;
import io.switchboard.shared.PageResponse;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Call scripts written for one contact from their conversation history and topics: by the LLM chain
 * when one is configured, else a structured template filled from the contact's data and the knowledge
 * base. Scripts keep versions; any version's text can be a call's task.
 */
public interface SalesScripts {

    /** Generates a new script (version 1). Throws a 404 ApiProblem when the contact does not exist. */
    SalesScript generate(UUID orgId, GenerateScriptCommand command);

    Optional<SalesScript> get(UUID orgId, UUID scriptId);

    PageResponse<SalesScript> list(UUID orgId, @Nullable UUID contactId, PageQuery page);

    /** Saves an edited text as the next version. Empty when there is no such script. */
    Optional<SalesScript> revise(UUID orgId, UUID scriptId, String text, @Nullable UUID editedBy);

    /**
     * @param contactId whose history and topics the script uses
     * @param product what is being sold
     * @param goal what the call should achieve (book a demo, renew, ...)
     * @param tone friendly, formal, ... (null = friendly)
     * @param topics extra topics to cover besides the contact's own
     * @param notes free notes (e.g. a pasted conversation history)
     */
    record GenerateScriptCommand(
            UUID contactId,
            String product,
            String goal,
            @Nullable String tone,
            java.util.@Nullable List<String> topics,
            @Nullable String notes) {}

    /**
     * @param version the latest version number
     * @param source {@code llm} or {@code template}
     */
    record SalesScript(
            UUID id,
            UUID contactId,
            String product,
            String goal,
            String tone,
            int version,
            String text,
            String firstSentence,
            String source,
            java.time.Instant createdAt,
            java.time.Instant updatedAt) {}
}
