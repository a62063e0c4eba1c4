package io.switchboard.campaigns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTextUnitTests {

    @Test
    void variablesAreListedOnceInOrderOfFirstAppearance() {
        assertThat(TemplateText.variables("Order {{2}}", "Hi {{1}}, {{ 2 }} and {{1}}"))
                .containsExactly("2", "1");
    }

    @Test
    void numberedVariablesRunWithoutGapsAndKindsDoNotMix() {
        assertThat(TemplateText.problem(List.of("1", "2"))).isNull();
        assertThat(TemplateText.problem(List.of("first_name"))).isNull();
        assertThat(TemplateText.problem(List.of("1", "3"))).contains("without gaps");
        assertThat(TemplateText.problem(List.of("1", "name"))).contains("mixes");
        assertThat(TemplateText.problem(List.of("First"))).contains("lower case");
    }

    @Test
    void renderingReplacesKnownValuesOnly() {
        assertThat(TemplateText.render("Hi {{1}}, {{2}} $1", Map.of("1", "A$b")))
                .isEqualTo("Hi A$b, {{2}} $1");
    }

    @Test
    void optOutKeywordsMatchInEveryConfiguredLanguageButNotInSentences() {
        var keywords = CampaignReplies.keywords(List.of("STOP", "ARRÊT", "BAJA", "रुको"));
        assertThat(CampaignReplies.isOptOut(keywords, "stop")).isTrue();
        assertThat(CampaignReplies.isOptOut(keywords, " Stop. ")).isTrue();
        assertThat(CampaignReplies.isOptOut(keywords, "arret")).isTrue();
        assertThat(CampaignReplies.isOptOut(keywords, "Baja!")).isTrue();
        assertThat(CampaignReplies.isOptOut(keywords, "रुको")).isTrue();
        assertThat(CampaignReplies.isOptOut(keywords, "stop please")).isTrue();
        assertThat(CampaignReplies.isOptOut(keywords, "Please don't stop sending me offers, I love them"))
                .isFalse();
        assertThat(CampaignReplies.isOptOut(keywords, "Where is the bus stop?")).isFalse();
    }
}
