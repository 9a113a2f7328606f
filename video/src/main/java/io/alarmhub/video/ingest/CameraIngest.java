package io.alarmhub.video.ingest;

import io.alarmhub.video.AudioCodec;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.audio.CameraAudio;
import io.alarmhub.video.audio.G726Format;
import io.alarmhub.video.codec.AccessUnits;
import io.alarmhub.video.live.LiveFeed;
import io.alarmhub.video.timeline.SequenceGaps;
import io.alarmhub.video.timeline.Timeline;
import java.time.Clock;

/**
 * One camera connection's media: each package becomes a frame on the connection's timeline and goes to the live
 * feed (ring and viewers) and to the recorder. Fed by the connection's thread only.
 *
 * <p>A package that cannot be read throws {@link io.alarmhub.video.VideoException}; the caller counts it and goes
 * on, as the camera's next keyframe makes the stream whole again.
 */
public final class CameraIngest {

    private final AccessUnits video;
    private final CameraAudio audio;
    private final Timeline timeline = new Timeline();
    private final SequenceGaps videoGaps = new SequenceGaps();
    private final SequenceGaps audioGaps = new SequenceGaps();
    private final LiveFeed feed;
    private final FrameListener recorder;
    private final Clock clock;
    private long frames;

    public CameraIngest(VideoCodec videoCodec, AudioCodec audioCodec, G726Format g726, LiveFeed feed,
                        FrameListener recorder, Clock clock) {
        this.video = new AccessUnits(videoCodec);
        this.audio = new CameraAudio(audioCodec, g726);
        this.feed = feed;
        this.recorder = recorder;
        this.clock = clock;
    }

    /** Reads one package; its frame, if it makes one, is published and recorded. */
    public void accept(CameraPackage p) {
        switch (p.type()) {
            case CameraPackage.PARAMETER_SETS -> {
                video.parameterSets(p.data());
                announceSets();
            }
            case CameraPackage.VIDEO -> {
                videoGaps.accept(p.seqNum());
                VideoFrame frame = video.frame(timeline.video(p.startTime()), p.data());
                announceSets();
                deliver(frame, p);
            }
            default -> {
                audioGaps.accept(p.seqNum());
                long time = timeline.audio(p.startTime(), Math.max(1, audio.samplesIn(p.data())));
                deliver(audio.frame(time, p.data()), p);
            }
        }
    }

    private void announceSets() {
        video.takeChanged().ifPresent(sets -> {
            feed.parameterSets(sets);
            recorder.parameterSets(sets);
        });
    }

    private void deliver(MediaFrame frame, CameraPackage p) {
        frames++;
        feed.publish(frame);
        recorder.frame(frame, clock.millis(), p.cameraTime(), p.controlFlag());
    }

    public VideoCodec videoCodec() {
        return video.codec();
    }

    /** Frames read so far. */
    public long frames() {
        return frames;
    }

    /** Packages lost on the way, by their {@code seq_num}. */
    public long lost() {
        return videoGaps.lost() + audioGaps.lost();
    }

    public long outOfOrder() {
        return videoGaps.outOfOrder() + audioGaps.outOfOrder();
    }

    public LiveFeed feed() {
        return feed;
    }
}
