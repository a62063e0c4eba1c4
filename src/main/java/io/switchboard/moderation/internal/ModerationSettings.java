package io.switchboard.moderation.internal;

import java.util.List;

/** One organisation's moderation settings; the defaults apply until it saves its own. */
record ModerationSettings(
        List<String> blockedTerms, boolean maskPii, boolean blockPromptInjection, boolean useOpenAiModeration) {

    static final ModerationSettings DEFAULTS = new ModerationSettings(List.of(), false, false, false);

    ModerationSettings {
        blockedTerms = List.copyOf(blockedTerms);
    }
}
