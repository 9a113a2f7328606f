package io.alarmhub.video.record;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.ingest.FrameListener;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands a camera's frames and alarms from its connection's thread to its {@link Recorder} on the recorder
 * executor, in order. Bounded in bytes: past {@code maxQueuedBytes}, video is dropped up to the next keyframe
 * (and audio with it), and counted, rather than queued without end behind a slow disk.
 *
 * <p>The executor must run one camera's tasks in order: a single thread, or a serial wrapper.
 */
public final class RecorderQueue implements FrameListener {

    private final Recorder recorder;
    private final Executor executor;
    private final long maxQueuedBytes;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private boolean skipping;

    public RecorderQueue(Recorder recorder, Executor executor, long maxQueuedBytes) {
        this.recorder = recorder;
        this.executor = executor;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    @Override
    public void parameterSets(ParameterSets sets) {
        run(() -> recorder.parameterSets(sets));
    }

    @Override
    public void frame(MediaFrame frame, long serverTime, long cameraTime, int controlFlag) {
        boolean key = frame instanceof VideoFrame video && video.keyframe();
        int bytes = frame.bytes();
        if (skipping && !key || queuedBytes.get() + bytes > maxQueuedBytes) {
            skipping = true;
            dropped.incrementAndGet();
            return;
        }
        skipping = false;
        queuedBytes.addAndGet(bytes);
        if (!run(() -> {
            queuedBytes.addAndGet(-bytes);
            recorder.frame(frame, serverTime, cameraTime, controlFlag);
        })) {
            queuedBytes.addAndGet(-bytes);
        }
    }

    public void alarmStarted(String ref) {
        run(() -> recorder.alarmStarted(ref));
    }

    public void alarmEnded(String ref) {
        run(() -> recorder.alarmEnded(ref));
    }

    public void mode(RecordingMode mode) {
        run(() -> recorder.mode(mode));
    }

    /** The connection ended: the recorder closes its files once it has written what was queued. */
    public void close() {
        run(recorder::close);
    }

    /** Frames dropped because the recorder fell behind. */
    public long dropped() {
        return dropped.get();
    }

    private boolean run(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException shuttingDown) {
            dropped.incrementAndGet();
            return false;
        }
    }
}
