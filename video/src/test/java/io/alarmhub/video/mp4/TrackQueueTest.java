package io.alarmhub.video.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackQueueTest {

    private static final byte[] DATA = {1, 2, 3};

    @Test
    void aSampleIsReadyWhenTheNextOneGivesItsDuration() {
        TrackQueue queue = new TrackQueue();
        queue.add(0, DATA, true, 0);
        assertThat(queue.readyCount()).isZero();

        queue.add(40, DATA, false, 0);
        queue.add(90, DATA, false, 0);

        assertThat(queue.ready()).extracting(Sample::decodeTime).containsExactly(0L, 40L);
        assertThat(queue.ready()).extracting(Sample::duration).containsExactly(40L, 50L);
        assertThat(queue.ready()).extracting(Sample::sync).containsExactly(true, false);
        assertThat(queue.readyDuration()).isEqualTo(90);
        assertThat(queue.readyBytes()).isEqualTo(6);
    }

    @Test
    void aSampleAtOrBeforeTheHeldOneComesOneTickAfterIt() {
        TrackQueue queue = new TrackQueue();
        queue.add(100, DATA, true, 0);
        queue.add(100, DATA, false, 0);
        queue.add(50, DATA, false, 0);
        queue.add(140, DATA, false, 0);

        assertThat(queue.ready()).extracting(Sample::decodeTime).containsExactly(100L, 101L, 102L);
        assertThat(queue.ready()).extracting(Sample::duration).containsExactly(1L, 1L, 38L);
    }

    @Test
    void theLastSampleLastsWhatItSaysElseWhatTheOneBeforeDid() {
        TrackQueue video = new TrackQueue();
        video.add(0, DATA, true, 0);
        video.add(33, DATA, false, 0);
        video.releaseHeld(40);
        assertThat(video.ready()).extracting(Sample::duration).containsExactly(33L, 33L);

        TrackQueue audio = new TrackQueue();
        audio.add(0, DATA, true, 160);
        audio.add(160, DATA, true, 320);
        audio.releaseHeld(0);
        assertThat(audio.ready()).extracting(Sample::duration).containsExactly(160L, 320L);

        TrackQueue lone = new TrackQueue();
        lone.add(0, DATA, true, 0);
        lone.releaseHeld(40);
        assertThat(lone.ready()).extracting(Sample::duration).containsExactly(40L);
    }

    @Test
    void writtenSamplesLeaveTheQueueAndCountTowardsTheTrackOnDisk() {
        TrackQueue queue = new TrackQueue();
        queue.add(0, DATA, true, 0);
        queue.add(40, DATA, false, 0);
        queue.add(80, DATA, false, 0);
        assertThat(queue.writtenEnd()).isZero();

        queue.written();

        assertThat(queue.readyCount()).isZero();
        assertThat(queue.readyBytes()).isZero();
        assertThat(queue.readyDuration()).isZero();
        assertThat(queue.writtenCount()).isEqualTo(2);
        assertThat(queue.writtenEnd()).isEqualTo(80);
        queue.add(120, DATA, false, 0);
        assertThat(queue.ready()).extracting(Sample::decodeTime).containsExactly(80L);
    }
}
