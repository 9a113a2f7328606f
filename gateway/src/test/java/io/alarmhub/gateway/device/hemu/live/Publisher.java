package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.live.LiveFeed;
import io.alarmhub.video.testing.CameraStream;

import java.util.List;

/**
 * A camera's connection in a test: publishes a stream into a feed over and over, its times carried on from one
 * round to the next, as fast as the feed takes them (no pacing: the feed's viewers take what they can).
 */
final class Publisher implements AutoCloseable {

    private final LiveFeed feed;
    private final List<MediaFrame> frames;
    private final long roundMillis;
    private final Thread thread;
    private volatile boolean stopped;
    private long index;

    Publisher(LiveFeed feed, CameraStream stream) {
        this.feed = feed;
        this.frames = stream.frames();
        this.roundMillis = stream.millis();
        feed.parameterSets(stream.sets());
        this.thread = new Thread(this::run, "test-camera");
        this.thread.setDaemon(true);
    }

    /** Publishes on a thread of its own until closed. */
    Publisher start() {
        thread.start();
        return this;
    }

    /** Whether the frame {@link #next()} publishes is video. */
    boolean nextIsVideo() {
        return peek() instanceof VideoFrame;
    }

    /** Publishes a GOP: the next frame, a keyframe, and those after it up to the next keyframe; its pictures. */
    int publishGop() {
        int pictures = 0;
        do {
            pictures += next() instanceof VideoFrame ? 1 : 0;
        } while (!(peek() instanceof VideoFrame video && video.keyframe()));
        return pictures;
    }

    private MediaFrame peek() {
        return frames.get((int) (index % frames.size()));
    }

    /** Publishes the next frame on the caller's thread; returns it. */
    MediaFrame next() {
        MediaFrame frame = peek();
        long offset = index / frames.size() * roundMillis;
        index++;
        MediaFrame moved = frame instanceof VideoFrame video
                ? new VideoFrame(video.time() + offset, video.keyframe(), video.units())
                : moved((AudioFrame) frame, offset);
        feed.publish(moved);
        return moved;
    }

    private static AudioFrame moved(AudioFrame audio, long offset) {
        return new AudioFrame(audio.time() + offset, audio.samples(), audio.alaw(), audio.flac());
    }

    private void run() {
        while (!stopped) {
            next();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join();
    }
}
