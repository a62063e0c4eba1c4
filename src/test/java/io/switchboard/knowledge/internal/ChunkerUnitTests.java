package io.switchboard.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.knowledge.internal.Chunker.Child;
import io.switchboard.knowledge.internal.Chunker.Parent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Chunking with the model's real tokenizer: headings kept, sentences whole, caps never passed. */
class ChunkerUnitTests {

    private static final MiniLmEmbeddings MODEL = new MiniLmEmbeddings();
    private final Chunker chunker = new Chunker(MODEL, 128, 512);

    @Test
    void chunksStayUnderTheCapWithTheirHeadingAndNeverSplitASentence() {
        String sentences = IntStream.range(0, 60)
                .mapToObj(i -> "Sentence number " + i + " explains how refunds for order type " + i
                        + " are processed within fourteen days.")
                .collect(Collectors.joining(" "));
        var parsed = DocumentParser.markdown(
                "# Policies\n\n## Refunds\n\n" + sentences + "\n\n## Shipping\n\nWe ship daily.");

        List<Parent> parents = chunker.chunk(parsed);

        List<Child> children =
                parents.stream().flatMap(p -> p.children().stream()).toList();
        assertThat(children).hasSizeGreaterThan(3);
        for (Child child : children) {
            assertThat(child.tokenCount()).isLessThanOrEqualTo(128);
            assertThat(MODEL.count(child.embeddingText())).isEqualTo(child.tokenCount());
            assertThat(child.text()).endsWith(".");
            assertThat(child.text()).startsWith(child.text().startsWith("We") ? "We" : "Sentence number");
        }
        assertThat(parents).allSatisfy(p -> assertThat(MODEL.count(p.text())).isLessThanOrEqualTo(512));
        assertThat(parents.getFirst().heading()).isEqualTo("Policies › Refunds");
        assertThat(children.getFirst().embeddingText()).startsWith("Policies › Refunds: Sentence number 0");
        assertThat(parents.getLast().heading()).isEqualTo("Policies › Shipping");
        assertThat(parents.getLast().text()).isEqualTo("We ship daily.");
        // every sentence lands in exactly one child, in order
        assertThat(children.stream().map(Child::text).collect(Collectors.joining(" ")))
                .isEqualTo(sentences + " We ship daily.");
        assertThat(children)
                .extracting(Child::ordinal)
                .containsExactlyElementsOf(
                        IntStream.range(0, children.size()).boxed().toList());
    }

    @Test
    void aChildIsPartOfItsParentAndParentsOfOneSectionShareTheHeading() {
        String longSection = IntStream.range(0, 200)
                .mapToObj(i -> "Fact " + i + " about the warranty terms of the product line.")
                .collect(Collectors.joining(" "));
        var parents = chunker.chunk(DocumentParser.markdown("# Warranty\n\n" + longSection));

        assertThat(parents).hasSizeGreaterThan(1);
        for (Parent parent : parents) {
            assertThat(parent.heading()).isEqualTo("Warranty");
            for (Child child : parent.children()) {
                assertThat(parent.text()).contains(child.text());
            }
        }
    }

    @Test
    void aSentenceLongerThanTheCapIsCutAtWords() {
        String endless = IntStream.range(0, 400).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        var children = chunker.chunk(DocumentParser.text(endless)).stream()
                .flatMap(p -> p.children().stream())
                .toList();

        assertThat(children).hasSizeGreaterThan(1);
        assertThat(children).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(128));
        assertThat(children.stream().map(Child::text).collect(Collectors.joining(" ")))
                .isEqualTo(endless);
    }

    @Test
    void htmlHeadingsBecomeSectionsAndScriptsAreDropped() {
        var parsed = DocumentParser.html("""
                <html><head><title>Help centre</title><script>var x = 'secret';</script></head>
                <body><nav>Home | About</nav><h1>Billing</h1><p>Invoices are sent monthly.</p>
                <h2>Late payment</h2><ul><li>A reminder after 7 days.</li><li>Suspension after 30 days.</li></ul>
                </body></html>""", null);

        assertThat(parsed.title()).isEqualTo("Help centre");
        assertThat(parsed.sections())
                .extracting(ParsedDocument.Section::heading)
                .containsExactly("Billing", "Billing › Late payment");
        assertThat(parsed.sections().get(1).paragraphs())
                .containsExactly("A reminder after 7 days.", "Suspension after 30 days.");
        assertThat(parsed.sections().toString()).doesNotContain("secret", "Home | About");
    }

    @Test
    void aFaqCsvGivesOneSectionPerQuestion() {
        var parsed = DocumentParser.parse(
                DocumentFormat.CSV,
                "question,answer\n\"Do you ship abroad?\",\"Yes, to 30 countries.\"\nCan I return?,Within 14 days.\n"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.sections())
                .extracting(ParsedDocument.Section::heading)
                .containsExactly("Do you ship abroad?", "Can I return?");
        assertThat(chunker.chunk(parsed).getFirst().children().getFirst().text())
                .isEqualTo("Do you ship abroad?\nYes, to 30 countries.");
    }

    @Test
    void embeddingsAreUnitLengthAndLongInputIsTruncatedToTheModelLimit() {
        String endless = IntStream.range(0, 600).mapToObj(i -> "token" + i).collect(Collectors.joining(" "));
        assertThat(MODEL.count(MODEL.truncate(endless, MiniLmEmbeddings.MAX_TOKENS)))
                .isLessThanOrEqualTo(MiniLmEmbeddings.MAX_TOKENS);

        var vectors = MODEL.embedAll(List.of("How do refunds work?", endless));
        assertThat(vectors).hasSize(2);
        for (float[] v : vectors) {
            assertThat(v).hasSize(384);
            double norm = 0;
            for (float x : v) norm += x * x;
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
