package io.alarmhub.video.live;

import io.alarmhub.video.AudioFrame;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.codec.ParameterSets;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.LongPredicate;

/**
 * A viewer that writes down what it is sent, as "sets:&lt;id&gt;", "K&lt;time&gt;" (keyframe), "P&lt;time&gt;" and
 * "A&lt;time&gt;". Whether it is ready is a rule over the time of the frame a test publishes or over how often it
 * has been asked (for frames a test does not publish itself: those sent on joining).
 */
final class RecordingViewer implements Viewer {

    final List<String> received = new ArrayList<>();
    private final Readiness readiness;
    private long offered;
    private int asked;

    private RecordingViewer(Readiness readiness) {
        this.readiness = readiness;
    }

    /** Ready for the frames whose time passes {@code readyAt}. */
    static RecordingViewer readyFor(LongPredicate readyAt) {
        return new RecordingViewer((time, asked) -> readyAt.test(time));
    }

    /** Ready when asked for the n-th time (from 1) if {@code readyAt} passes n. */
    static RecordingViewer readyWhenAsked(IntPredicate readyAt) {
        return new RecordingViewer((time, asked) -> readyAt.test(asked));
    }

    static RecordingViewer alwaysReady() {
        return readyFor(time -> true);
    }

    static RecordingViewer neverReady() {
        return readyFor(time -> false);
    }

    /** The feed asks before each frame; tests say which frame times find it ready. */
    void offering(long time) {
        offered = time;
    }

    @Override
    public boolean ready() {
        return readiness.ready(offered, ++asked);
    }

    @Override
    public void parameterSets(ParameterSets sets) {
        received.add("sets:" + sets.sps().get(0)[1]);
    }

    @Override
    public void send(MediaFrame frame) {
        received.add(name(frame));
    }

    static String name(MediaFrame frame) {
        if (frame instanceof VideoFrame video) {
            return (video.keyframe() ? "K" : "P") + video.time();
        }
        return "A" + ((AudioFrame) frame).time();
    }

    private interface Readiness {
        boolean ready(long offeredTime, int asked);
    }
}
