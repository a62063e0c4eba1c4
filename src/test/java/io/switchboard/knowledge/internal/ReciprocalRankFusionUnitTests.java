package io.switchboard.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionUnitTests {

    private static IndexHit hit(String id) {
        return new IndexHit(id, "kb", "doc", 0, null, null);
    }

    @Test
    void aChunkFoundByBothListsBeatsOneFoundByOnlyOne() {
        var fused = ReciprocalRankFusion.fuse(
                List.of(hit("a"), hit("b"), hit("c")), List.of(hit("c"), hit("d"), hit("a")), 10);

        // a: 1/61 + 1/63, c: 1/63 + 1/61 -> tie broken by id; then b (1/62) and d (1/62) by id
        assertThat(fused).extracting(IndexHit::chunkId).containsExactly("a", "c", "b", "d");
        assertThat(fused.getFirst().score()).isCloseTo(1.0 / 61 + 1.0 / 63, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(fused.getFirst().lexicalRank()).isEqualTo(1);
        assertThat(fused.getFirst().vectorRank()).isEqualTo(3);
        assertThat(fused.get(2).vectorRank()).isNull();
        assertThat(fused.get(3).lexicalRank()).isNull();
    }

    @Test
    void theOrderIsTheSameWhateverTheInputOrderOfEqualScores() {
        var one = ReciprocalRankFusion.fuse(List.of(hit("x")), List.of(hit("y")), 10);
        var other = ReciprocalRankFusion.fuse(List.of(hit("y")), List.of(hit("x")), 10);

        assertThat(one).extracting(IndexHit::chunkId).containsExactly("x", "y");
        assertThat(other).extracting(IndexHit::chunkId).containsExactly("x", "y");
    }

    @Test
    void fusionKeepsOnlyTheBestK() {
        var fused = ReciprocalRankFusion.fuse(List.of(hit("a"), hit("b"), hit("c")), List.of(hit("d"), hit("e")), 2);

        assertThat(fused).extracting(IndexHit::chunkId).containsExactly("a", "d");
    }
}
