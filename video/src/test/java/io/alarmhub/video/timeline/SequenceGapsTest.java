package io.alarmhub.video.timeline;

import io.alarmhub.video.VideoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequenceGapsTest {

    private final SequenceGaps gaps = new SequenceGaps();

    @Test
    void consecutiveNumbersLoseNothing() {
        feed(7, 8, 9, 10);
        assertThat(gaps.lost()).isZero();
        assertThat(gaps.outOfOrder()).isZero();
    }

    @Test
    void aStepOfNMeansNMinusOneLost() {
        feed(1, 2, 5, 6, 8);
        assertThat(gaps.lost()).isEqualTo(3);
    }

    @Test
    void theNumberWrapsAtTwoToTheThirtyTwo() {
        feed((1L << 32) - 2, (1L << 32) - 1, 0, 2);
        assertThat(gaps.lost()).isEqualTo(1);
        assertThat(gaps.outOfOrder()).isZero();
    }

    @Test
    void theSignedIntProtobufGivesWrapsToo() {
        feed(-2, -1, 0, 1);
        assertThat(gaps.lost()).isZero();
    }

    @Test
    void aRepeatOrAStepBackIsOutOfOrderNotLoss() {
        feed(10, 11, 11, 9, 12);
        assertThat(gaps.lost()).isZero();
        assertThat(gaps.outOfOrder()).isEqualTo(2);
    }

    @Test
    void aLatePackageDoesNotUndoTheLossCountedForIt() {
        feed(1, 3, 2, 4);
        assertThat(gaps.lost()).isEqualTo(1);
        assertThat(gaps.outOfOrder()).isEqualTo(1);
    }

    @Test
    void aJumpWiderThanTheBoundIsARestartedCountNotLoss() {
        feed(50_000, 50_001, 0, 1, 2, 2 + SequenceGaps.MAX_GAP + 1, 2 + SequenceGaps.MAX_GAP + 2);
        assertThat(gaps.restarts()).isEqualTo(2);
        assertThat(gaps.lost()).isZero();
        assertThat(gaps.outOfOrder()).isZero();
    }

    @Test
    void theWidestGapStillCountsAsLoss() {
        feed(0, SequenceGaps.MAX_GAP);
        assertThat(gaps.lost()).isEqualTo(SequenceGaps.MAX_GAP - 1);
        assertThat(gaps.restarts()).isZero();
    }

    @Test
    void aValueThatIsNoUint32IsRefused() {
        assertThatThrownBy(() -> gaps.accept(1L << 32)).isInstanceOf(VideoException.class);
    }

    private void feed(long... seqNums) {
        for (long seq : seqNums) {
            gaps.accept(seq);
        }
    }
}
