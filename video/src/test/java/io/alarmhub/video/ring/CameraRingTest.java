package io.alarmhub.video.ring;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.alarmhub.video.ring.Frames.HELD;
import static io.alarmhub.video.ring.Frames.audio;
import static io.alarmhub.video.ring.Frames.inter;
import static io.alarmhub.video.ring.Frames.key;
import static io.alarmhub.video.ring.Frames.sets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraRingTest {

    private static final Duration LONG = Duration.ofHours(1);
    private static final long PLENTY = 1L << 30;

    private final RingBudget budget = new RingBudget(PLENTY);

    @Test
    void framesBeforeTheFirstKeyframeAreDropped() {
        CameraRing ring = ring(LONG, PLENTY);
        ring.parameterSets(sets(1));

        assertThat(ring.add(inter(0))).isFalse();
        assertThat(ring.add(audio(10))).isFalse();
        assertThat(ring.lastKeyframeStart()).isEmpty();
        assertThat(ring.add(key(40))).isTrue();
        assertThat(ring.add(audio(50))).isTrue();

        assertThat(ring.droppedUndecodable()).isEqualTo(2);
        assertThat(times(ring.lastKeyframeStart().orElseThrow().frames())).containsExactly(40L, 50L);
    }

    @Test
    void aKeyframeWithoutParameterSetsIsDroppedWithItsGop() {
        CameraRing ring = ring(LONG, PLENTY);

        assertThat(ring.add(key(0))).isFalse();
        assertThat(ring.add(inter(40))).isFalse();
        ring.parameterSets(sets(1));
        assertThat(ring.add(inter(80))).isFalse();
        assertThat(ring.add(key(120))).isTrue();

        assertThat(ring.droppedUndecodable()).isEqualTo(3);
    }

    @Test
    void theLastKeyframeStartIsTheGopBeingReceivedWithTheSetsInForceAtItsKeyframe() {
        CameraRing ring = ring(LONG, PLENTY);
        ring.parameterSets(sets(1));
        addAll(ring, key(0), inter(40), audio(50));
        ring.parameterSets(sets(2));
        addAll(ring, inter(80), key(120), audio(130), inter(160));

        Gop gop = ring.lastKeyframeStart().orElseThrow();

        assertThat(gop.parameterSets().sameAs(sets(2))).isTrue();
        assertThat(gop.keyframe().time()).isEqualTo(120);
        assertThat(times(gop.frames())).containsExactly(120L, 130L, 160L);
        assertThat(ring.since(0).get(0).parameterSets().sameAs(sets(1))).isTrue();
    }

    @Test
    void setsResentUnchangedAreNotANewObject() {
        CameraRing ring = ring(LONG, PLENTY);
        ParameterSets first = sets(1);
        ring.parameterSets(first);
        ring.add(key(0));
        ring.parameterSets(sets(1));
        ring.add(key(1_000));

        assertThat(ring.since(0)).extracting(Gop::parameterSets).containsOnly(first);
    }

    @Test
    void sinceStartsAtTheLastKeyframeAtOrBeforeTheTime() {
        CameraRing ring = gopsEverySecond(ring(LONG, PLENTY), 3);

        assertThat(ring.since(1_500)).extracting(Gop::start).containsExactly(1_000L, 2_000L);
        assertThat(ring.since(2_000)).extracting(Gop::start).containsExactly(2_000L);
        assertThat(ring.since(99_000)).extracting(Gop::start).containsExactly(2_000L);
        assertThat(ring.since(-5)).extracting(Gop::start).containsExactly(0L, 1_000L, 2_000L);
    }

    @Test
    void anEmptyRingHasNothingToGive() {
        CameraRing ring = ring(LONG, PLENTY);
        assertThat(ring.since(0)).isEmpty();
        assertThat(ring.lastKeyframeStart()).isEmpty();
    }

    @Test
    void retainKeepsTheGopCoveringNowMinusRetainAndDropsWhatIsOlder() {
        CameraRing ring = ring(Duration.ofSeconds(5), PLENTY);
        gopsEverySecond(ring, 11);                        // GOPs at 0..10 s, frames to 10.96 s

        // now 10.96 s: 5.96 s is covered by the GOP at 5 s
        assertThat(ring.since(Long.MIN_VALUE)).extracting(Gop::start)
                .containsExactly(5_000L, 6_000L, 7_000L, 8_000L, 9_000L, 10_000L);
        ring.add(key(11_000));                            // 6 s is where the GOP at 6 s starts
        assertThat(ring.since(Long.MIN_VALUE).get(0).start()).isEqualTo(6_000);
        assertThat(ring.bytes()).isEqualTo(5 * 25 * HELD + HELD);
    }

    @Test
    void maxBytesDropsTheOldestWholeGopsAndIsNeverExceeded() {
        long maxBytes = 10 * HELD;
        CameraRing ring = ring(LONG, maxBytes);
        ring.parameterSets(sets(1));
        for (int frame = 0; frame < 40; frame++) {
            ring.add(frame % 4 == 0 ? key(frame * 40L) : inter(frame * 40L));
            assertThat(ring.bytes()).isLessThanOrEqualTo(maxBytes);
        }

        List<Gop> held = ring.since(Long.MIN_VALUE);
        assertThat(held).extracting(gop -> gop.frames().size()).containsExactly(4, 4);
        assertThat(held.get(0).start()).isEqualTo(32 * 40);
        assertThat(ring.cutGops()).isZero();
        assertThat(budget.used()).isEqualTo(ring.bytes());
    }

    @Test
    void aGopLargerThanMaxBytesIsCutUntilTheNextKeyframe() {
        CameraRing ring = ring(LONG, 3 * HELD);
        ring.parameterSets(sets(1));
        addAll(ring, key(0), inter(40), inter(80));

        assertThat(ring.add(inter(120))).isFalse();
        assertThat(ring.add(audio(130))).isFalse();
        assertThat(ring.add(inter(160))).isFalse();
        assertThat(times(ring.lastKeyframeStart().orElseThrow().frames())).containsExactly(0L, 40L, 80L);
        assertThat(ring.cutGops()).isEqualTo(1);
        assertThat(ring.droppedOverBounds()).isEqualTo(3);

        assertThat(ring.add(key(200))).isTrue();        // the cut GOP goes to make room for the new one
        assertThat(ring.add(inter(240))).isTrue();
        assertThat(ring.since(Long.MIN_VALUE)).extracting(Gop::start).containsExactly(200L);
    }

    @Test
    void aKeyframeLargerThanMaxBytesIsDroppedWithItsGop() {
        CameraRing ring = ring(LONG, HELD - 1);
        ring.parameterSets(sets(1));

        assertThat(ring.add(key(0))).isFalse();
        assertThat(ring.add(inter(40))).isFalse();
        assertThat(ring.cutGops()).isEqualTo(1);
        assertThat(ring.droppedOverBounds()).isEqualTo(2);
        assertThat(ring.droppedUndecodable()).isZero();
        assertThat(ring.bytes()).isZero();
    }

    @Test
    void overTheSharedBudgetACameraTrimsItsOwnOldestGops() {
        RingBudget shared = new RingBudget(8 * HELD);
        CameraRing first = new CameraRing(LONG, PLENTY, shared);
        CameraRing second = new CameraRing(LONG, PLENTY, shared);
        first.parameterSets(sets(1));
        second.parameterSets(sets(2));
        addAll(first, key(0), inter(40), inter(80), key(120), inter(160), inter(200));
        addAll(second, key(0), inter(40));               // the budget is full now

        assertThat(first.add(key(240))).isTrue();

        assertThat(first.since(Long.MIN_VALUE)).extracting(Gop::start).containsExactly(120L, 240L);
        assertThat(shared.used()).isEqualTo(first.bytes() + second.bytes()).isEqualTo(6 * HELD);
    }

    @Test
    void overTheSharedBudgetWithNothingOfItsOwnToTrimACameraDropsTheFrameAndCutsItsGop() {
        RingBudget shared = new RingBudget(8 * HELD);
        CameraRing first = new CameraRing(LONG, PLENTY, shared);
        CameraRing second = new CameraRing(LONG, PLENTY, shared);
        first.parameterSets(sets(1));
        second.parameterSets(sets(2));
        addAll(first, key(0), inter(40), inter(80), inter(120), inter(160), inter(200));
        addAll(second, key(0), inter(40));

        assertThat(second.add(inter(80))).isFalse();
        assertThat(second.add(audio(90))).isFalse();

        assertThat(second.cutGops()).isEqualTo(1);
        assertThat(second.droppedOverBounds()).isEqualTo(2);
        assertThat(first.since(Long.MIN_VALUE).get(0).frames()).hasSize(6);
        assertThat(shared.used()).isEqualTo(8 * HELD);
    }

    @Test
    void clearGivesTheBytesBackAndWaitsForSetsAndAKeyframeAgain() {
        CameraRing ring = gopsEverySecond(ring(LONG, PLENTY), 2);
        assertThat(budget.used()).isPositive();

        ring.clear();

        assertThat(budget.used()).isZero();
        assertThat(ring.bytes()).isZero();
        assertThat(ring.since(Long.MIN_VALUE)).isEmpty();
        assertThat(ring.add(key(0))).isFalse();
    }

    @Test
    void whatReadersGetDoesNotChangeAfterwards() {
        CameraRing ring = ring(LONG, PLENTY);
        ring.parameterSets(sets(1));
        addAll(ring, key(0), inter(40));
        Gop seen = ring.lastKeyframeStart().orElseThrow();

        addAll(ring, inter(80), key(120));

        assertThat(times(seen.frames())).containsExactly(0L, 40L);
        assertThatThrownBy(() -> seen.frames().add(inter(80))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void readersOnOtherThreadsAlwaysSeeWholeGopsInOrder() throws Exception {
        CameraRing ring = ring(Duration.ofSeconds(2), 200 * HELD);
        ring.parameterSets(sets(1));
        Thread writer = new Thread(() -> {
            for (int frame = 0; frame < 20_000; frame++) {
                ring.add(frame % 25 == 0 ? key(frame * 40L) : inter(frame * 40L));
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            for (Gop gop : ring.since(Long.MIN_VALUE)) {
                assertThat(gop.frames()).hasSizeLessThanOrEqualTo(25);
                assertThat(times(gop.frames())).isSorted().doesNotHaveDuplicates();
            }
            reads++;
        }
        writer.join();
        assertThat(ring.since(Long.MIN_VALUE)).allSatisfy(gop -> assertThat(gop.frames()).hasSize(25));
    }

    private CameraRing ring(Duration retain, long maxBytes) {
        return new CameraRing(retain, maxBytes, budget);
    }

    /** {@code count} GOPs of 25 video frames, one a second, from time 0. */
    private static CameraRing gopsEverySecond(CameraRing ring, int count) {
        ring.parameterSets(sets(1));
        for (int frame = 0; frame < count * 25; frame++) {
            ring.add(frame % 25 == 0 ? key(frame * 40L) : inter(frame * 40L));
        }
        return ring;
    }

    private static void addAll(CameraRing ring, MediaFrame... frames) {
        for (MediaFrame frame : frames) {
            assertThat(ring.add(frame)).as("kept %s", frame).isTrue();
        }
    }

    private static List<Long> times(List<MediaFrame> frames) {
        return frames.stream().map(MediaFrame::time).toList();
    }
}
