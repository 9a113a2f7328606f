package io.alarmhub.video.timeline;

import io.alarmhub.video.VideoException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineTest {

    private static final long MAX = (1L << 32) - 1;

    private final Timeline timeline = new Timeline();

    @Test
    void theFirstPackageIsTimeZeroAndVideoFollowsItsStamps() {
        assertThat(timeline.video(5_000)).isZero();
        assertThat(timeline.video(5_040)).isEqualTo(40);
        assertThat(timeline.video(5_080)).isEqualTo(80);
    }

    @Test
    void aStartTimeThatWrapsToZeroGoesOnWithoutAJump() {
        assertThat(timeline.video(MAX - 39)).isZero();
        assertThat(timeline.video(MAX)).isEqualTo(39);
        assertThat(timeline.video(0)).isEqualTo(40);
        assertThat(timeline.video(40)).isEqualTo(80);
    }

    @Test
    void timesPassTwoToTheThirtyTwoAndKeepGrowingAcrossSeveralWraps() {
        long time = timeline.video(0);
        for (long elapsed = 1L << 30; elapsed <= 3 * (1L << 32); elapsed += 1L << 30) {
            time = timeline.video(elapsed % (1L << 32));
            assertThat(time).isEqualTo(elapsed);
        }
        assertThat(time).isEqualTo(3 * (1L << 32));
    }

    @Test
    void theSignedIntProtobufGivesForALargeUint32IsReadUnsigned() {
        assertThat(timeline.video(-41)).isZero();          // 2^32 - 41
        assertThat(timeline.video(-1)).isEqualTo(40);      // 2^32 - 1
        assertThat(timeline.video(0)).isEqualTo(41);
    }

    @Test
    void aValueThatIsNoUint32IsRefused() {
        assertThatThrownBy(() -> timeline.video(1L << 32)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> timeline.video(Integer.MIN_VALUE - 1L)).isInstanceOf(VideoException.class);
    }

    @Test
    void audioAndVideoShareTheOriginOfWhicheverCameFirst() {
        assertThat(timeline.video(10_000)).isZero();
        assertThat(timeline.audio(10_060, 160)).isEqualTo(60);
        assertThat(timeline.video(10_040)).isEqualTo(40);
        assertThat(timeline.audio(10_080, 160)).isEqualTo(80);
    }

    @Test
    void audioFirstSetsTheOriginForVideoToo() {
        assertThat(timeline.audio(700, 320)).isZero();
        assertThat(timeline.video(740)).isEqualTo(40);
    }

    @Test
    void theOtherKindsFirstPackageIsPlacedAcrossAWrapOfTheFirstKind() {
        assertThat(timeline.video(MAX - 99)).isZero();
        assertThat(timeline.video(20)).isEqualTo(120);
        assertThat(timeline.audio(0, 160)).isEqualTo(100);
    }

    @Test
    void aKindWhoseFirstPackageLiesBeforeTheOriginStartsAtZero() {
        assertThat(timeline.video(1_000)).isZero();
        assertThat(timeline.audio(990, 160)).isZero();
        assertThat(timeline.audio(1_010, 160)).isEqualTo(20);
        assertThat(timeline.nudged()).isEqualTo(1);
    }

    @Test
    void videoNeverRunsBackNorRepeatsATime() {
        timeline.video(1_000);
        assertThat(timeline.video(1_040)).isEqualTo(40);
        assertThat(timeline.video(1_040)).isEqualTo(41);
        assertThat(timeline.video(1_020)).isEqualTo(42);
        assertThat(timeline.video(1_120)).isEqualTo(120);
        assertThat(timeline.nudged()).isEqualTo(2);
    }

    @Test
    void audioTimeCountsSamplesNotTheCamerasJitteryStamps() {
        assertThat(timeline.audio(0, 160)).isZero();
        assertThat(timeline.audio(27, 160)).isEqualTo(20);
        assertThat(timeline.audio(35, 320)).isEqualTo(40);
        assertThat(timeline.audio(90, 160)).isEqualTo(80);
        assertThat(timeline.audioResyncs()).isZero();
    }

    @Test
    void oddPacketSizesAddUpExactlyInsteadOfRoundingEachPacket() {
        timeline.audio(0, 100);                            // 12.5 ms each
        long time = 0;
        for (int packet = 1; packet <= 80; packet++) {
            time = timeline.audio(packet * 12L, 100);
        }
        assertThat(time).isEqualTo(1_000);                 // 8,000 samples: one second, not 80 x 12 ms
    }

    @Test
    void audioThatDriftsPastTheBoundIsSetBackOntoTheStampsAndCountsFromThere() {
        timeline.audio(0, 160);
        timeline.audio(20, 160);
        // Eleven packets lost: the next stamp says 260 ms, the samples 40.
        assertThat(timeline.audio(260, 160)).isEqualTo(260);
        assertThat(timeline.audio(282, 160)).isEqualTo(280);
        assertThat(timeline.audioResyncs()).isEqualTo(1);
    }

    @Test
    void aDriftOfExactlyTheBoundIsKept() {
        timeline.audio(0, 160);
        assertThat(timeline.audio(220, 160)).isEqualTo(20);
        assertThat(timeline.audioResyncs()).isZero();
    }

    @Test
    void aResyncBackwardsStillNeverRunsBack() {
        timeline.audio(0, 8_000);                           // one second of samples
        assertThat(timeline.audio(1_000, 160)).isEqualTo(1_000);
        assertThat(timeline.audio(500, 160)).isEqualTo(1_001);
        assertThat(timeline.audioResyncs()).isEqualTo(1);
    }

    @Test
    void audioPackagesOfNoSamplesOrOverASecondAreRefused() {
        assertThatThrownBy(() -> timeline.audio(0, 0)).isInstanceOf(VideoException.class);
        assertThatThrownBy(() -> timeline.audio(0, Timeline.MAX_AUDIO_SAMPLES + 1))
                .isInstanceOf(VideoException.class);
    }
}
