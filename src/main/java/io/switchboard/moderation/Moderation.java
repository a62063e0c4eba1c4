package io.switchboard.moderation;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

public interface Moderation {

    /**
     * Checks one text for one organisation and logs the decision.
     *
     * @param subjectRef what the text belongs to, for the log (a message id, a call id, "playground")
     */
    Decision check(UUID orgId, String text, Stage stage, @Nullable String subjectRef);

    /**
     * Checks a generated reply ({@link Stage#REPLY}) and also blocks it when it repeats the agent's
     * instructions: a reply that leaks the system prompt is never sent.
     */
    default Decision checkReply(UUID orgId, String text, String systemPrompt, @Nullable String subjectRef) {
        return check(orgId, text, Stage.REPLY, subjectRef);
    }

    enum Stage {
        INBOUND,
        REPLY,
        CALL_PROMPT
    }

    enum Verdict {
        ALLOW,
        /** Allowed, but worth a human's look (shown in the inbox). */
        FLAG,
        BLOCK
    }

    /**
     * @param text the text to use from here on: the original, or with PII masked when masking is on
     */
    record Decision(Verdict verdict, List<Finding> findings, String text) {
        public boolean blocked() {
            return verdict == Verdict.BLOCK;
        }
    }

    /**
     * @param rule blocked_term, prompt_injection, system_prompt_leak, pii_email, pii_phone, pii_card, pii_iban,
     *     openai:&lt;category&gt;, openai_unavailable (the API failed: built-in rules decided alone)
     */
    record Finding(String rule, String detail) {}
}
