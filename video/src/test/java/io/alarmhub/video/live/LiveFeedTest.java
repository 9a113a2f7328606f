package io.alarmhub.video.live;

import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.codec.ParameterSets;
import io.alarmhub.video.ring.CameraRing;
import io.alarmhub.video.ring.RingBudget;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.alarmhub.video.ring.Frames.HELD;
import static io.alarmhub.video.ring.Frames.audio;
import static io.alarmhub.video.ring.Frames.inter;
import static io.alarmhub.video.ring.Frames.key;
import static io.alarmhub.video.ring.Frames.sets;
import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {

    private static final long PLENTY = 1L << 30;

    private final List<String> edges = new ArrayList<>();
    private final List<RecordingViewer> asked = new ArrayList<>();
    private final RingBudget budget = new RingBudget(PLENTY);
    private LiveFeed feed = feed(new CameraRing(Duration.ofSeconds(5), PLENTY, budget), 8);

    @Test
    void aLateJoinerStartsAtTheLastKeyframeWithItsParameterSetsFirst() {
        feed.parameterSets(sets(1));
        publish(key(0), inter(40), audio(50));
        feed.parameterSets(sets(2));
        publish(key(1_000), inter(1_040), audio(1_050));

        RecordingViewer late = join(RecordingViewer.alwaysReady());
        publish(inter(1_080));

        assertThat(late.received).containsExactly("sets:2", "K1000", "P1040", "A1050", "P1080");
    }

    @Test
    void aViewerWhoJoinsBeforeAnyKeyframeStartsAtTheFirst() {
        RecordingViewer early = join(RecordingViewer.alwaysReady());
        feed.parameterSets(sets(1));
        publish(inter(0), audio(10), key(40), audio(50));

        assertThat(early.received).containsExactly("sets:1", "K40", "A50");
        assertThat(feed.join(early).orElseThrow().skippedGops()).isZero();
    }

    @Test
    void aViewerNeverReadyGetsNothingAndHoldsNothingWhileOthersGetEveryFrame() {
        RecordingViewer stuck = join(RecordingViewer.neverReady());
        RecordingViewer reading = join(RecordingViewer.alwaysReady());
        feed.parameterSets(sets(1));
        List<String> published = new ArrayList<>();
        for (int gop = 0; gop < 200; gop++) {
            for (int frame = 0; frame < 25; frame++) {
                long time = (gop * 25L + frame) * 40;
                published.add(RecordingViewer.name(publish(frame == 0 ? key(time) : inter(time))));
                published.add(RecordingViewer.name(publish(audio(time + 20))));
            }
        }

        assertThat(stuck.received).isEmpty();
        assertThat(feed.join(stuck).orElseThrow().skippedGops()).isEqualTo(200);
        assertThat(reading.received).hasSize(1 + published.size()).endsWith(published.toArray(String[]::new));
        assertThat(feed.join(reading).orElseThrow().skippedGops()).isZero();
    }

    @Test
    void theFeedKeepsNoQueueForAnyViewer() {
        // What a seat holds is its state, never frames: no field of it can hold many of anything.
        assertThat(containerFields(Seat.class)).isEmpty();
        // The feed's only container is its seats themselves.
        assertThat(containerFields(LiveFeed.class)).containsExactly("seats");
    }

    @Test
    void aViewerThatFallsBehindSkipsTheRestOfTheGopAudioTooAndResumesExactlyAtAKeyframe() {
        // Not writable when the frame at 80 comes; writable again from 120 on, in the middle of the GOP.
        RecordingViewer slow = join(RecordingViewer.readyFor(time -> time != 80));
        feed.parameterSets(sets(1));
        publish(key(0), audio(20), inter(40), inter(80), audio(100), inter(120), audio(140), key(160), audio(180),
                inter(200));

        assertThat(slow.received).containsExactly("sets:1", "K0", "A20", "P40", "K160", "A180", "P200");
        assertThat(feed.join(slow).orElseThrow().skippedGops()).isEqualTo(1);
    }

    @Test
    void aKeyframeThatFindsTheViewerStillNotReadyIsAnotherWholeGopSkipped() {
        RecordingViewer slow = join(RecordingViewer.readyFor(time -> time < 40 || time >= 200));
        feed.parameterSets(sets(1));
        publish(key(0), inter(40), key(80), inter(120), key(160), inter(180), key(200), inter(240));

        assertThat(slow.received).containsExactly("sets:1", "K0", "K200", "P240");
        assertThat(feed.join(slow).orElseThrow().skippedGops()).isEqualTo(3);
    }

    @Test
    void parameterSetsAreSentAgainOnlyWhenTheyChange() {
        RecordingViewer viewer = join(RecordingViewer.alwaysReady());
        feed.parameterSets(sets(1));
        publish(key(0));
        feed.parameterSets(sets(1));
        publish(key(40));
        feed.parameterSets(sets(2));
        publish(inter(80), key(120));

        assertThat(viewer.received).containsExactly("sets:1", "K0", "K40", "P80", "sets:2", "K120");
    }

    @Test
    void aViewerNotReadyDuringTheGopItJoinsOnWaitsForTheNextKeyframe() {
        feed.parameterSets(sets(1));
        publish(key(0), inter(40), inter(80));

        // Takes the keyframe it is sent on joining, then is not writable for the frame after it.
        RecordingViewer slow = join(RecordingViewer.readyWhenAsked(asked -> asked != 2));
        publish(inter(120), key(160));

        assertThat(slow.received).containsExactly("sets:1", "K0", "K160");
        assertThat(feed.join(slow).orElseThrow().skippedGops()).isEqualTo(1);
    }

    @Test
    void theAudienceHearsOfTheFirstViewerAndOfTheLastLeavingOnly() {
        RecordingViewer one = join(RecordingViewer.alwaysReady());
        RecordingViewer two = join(RecordingViewer.alwaysReady());
        feed.leave(one);
        assertThat(feed.leave(one)).isFalse();
        feed.leave(two);
        join(RecordingViewer.alwaysReady());

        assertThat(edges).containsExactly("first", "last", "first");
        assertThat(feed.viewers()).isEqualTo(1);
    }

    @Test
    void aFullFeedRefusesAnotherViewerAndASeatedViewerKeepsItsSeat() {
        feed = feed(new CameraRing(Duration.ofSeconds(5), PLENTY, budget), 2);
        feed.parameterSets(sets(1));
        publish(key(0));
        RecordingViewer one = join(RecordingViewer.alwaysReady());
        join(RecordingViewer.alwaysReady());

        assertThat(feed.join(RecordingViewer.alwaysReady())).isEmpty();
        assertThat(feed.join(one)).isPresent();
        assertThat(one.received).containsExactly("sets:1", "K0");
        assertThat(feed.viewers()).isEqualTo(2);
    }

    @Test
    void aViewerThatThrowsLeavesAndTheOthersGoOn() {
        Viewer broken = new Viewer() {
            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public void parameterSets(ParameterSets sets) {
            }

            @Override
            public void send(MediaFrame frame) {
                throw new IllegalStateException("connection gone");
            }
        };
        RecordingViewer reading = join(RecordingViewer.alwaysReady());
        assertThat(feed.join(broken)).isPresent();
        feed.parameterSets(sets(1));
        publish(key(0), inter(40));
        assertThat(feed.viewers()).isEqualTo(1);
        feed.leave(reading);

        assertThat(reading.received).containsExactly("sets:1", "K0", "P40");
        assertThat(edges).containsExactly("first", "last");
    }

    @Test
    void aViewerThatLeavesFromInsideASendGetsNothingMoreAndTheOthersStillGetThatFrame() {
        RecordingViewer after = RecordingViewer.alwaysReady();
        Viewer leaving = new Viewer() {
            @Override
            public boolean ready() {
                return true;
            }

            @Override
            public void parameterSets(ParameterSets sets) {
            }

            @Override
            public void send(MediaFrame frame) {
                feed.leave(this);                        // as a failed write's listener run at once would
            }
        };
        assertThat(feed.join(leaving)).isPresent();
        join(after);
        feed.parameterSets(sets(1));
        publish(key(0), inter(40));

        assertThat(after.received).containsExactly("sets:1", "K0", "P40");
        assertThat(feed.viewers()).isEqualTo(1);
        assertThat(edges).containsExactly("first");
    }

    @Test
    void framesTheRingHasNoRoomForReachNoViewerWhoThenWaitsForTheNextKeyframe() {
        feed = feed(new CameraRing(Duration.ofSeconds(5), 2 * HELD, budget), 8);
        RecordingViewer viewer = join(RecordingViewer.alwaysReady());
        feed.parameterSets(sets(1));
        publish(key(0), inter(40), inter(80), audio(90), key(120));

        assertThat(viewer.received).containsExactly("sets:1", "K0", "P40", "K120");
        assertThat(feed.join(viewer).orElseThrow().skippedGops()).isZero();
    }

    @Test
    void aViewerJoiningWhileTheCameraPublishesGetsEveryFrameFromAKeyframeOnOnce() throws Exception {
        feed.parameterSets(sets(1));
        int frames = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread camera = new Thread(() -> {
            for (int frame = 0; frame < frames; frame++) {
                feed.publish(frame % 25 == 0 ? key(frame * 40L) : inter(frame * 40L));
            }
        });
        camera.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
        RecordingViewer viewer = RecordingViewer.alwaysReady();
        camera.start();
        feed.join(viewer).orElseThrow();
        camera.join();

        assertThat(failure.get()).isNull();
        List<String> received = viewer.received;
        List<String> expected = new ArrayList<>();
        for (int frame = 0; frame < frames; frame++) {
            expected.add((frame % 25 == 0 ? "K" : "P") + frame * 40L);
        }
        int start = expected.indexOf(received.get(1));
        assertThat(received.get(0)).isEqualTo("sets:1");
        assertThat(received.get(1)).startsWith("K");
        assertThat(received.subList(1, received.size())).isEqualTo(expected.subList(start, frames));
    }

    private LiveFeed feed(CameraRing ring, int maxViewers) {
        return new LiveFeed(ring, maxViewers, new Audience() {
            @Override
            public void onFirstViewer() {
                edges.add("first");
            }

            @Override
            public void onLastViewerLeft() {
                edges.add("last");
            }
        });
    }

    private RecordingViewer join(RecordingViewer viewer) {
        asked.add(viewer);
        assertThat(feed.join(viewer)).isPresent();
        return viewer;
    }

    private MediaFrame publish(MediaFrame... frames) {
        for (MediaFrame frame : frames) {
            asked.forEach(viewer -> viewer.offering(frame.time()));
            feed.publish(frame);
        }
        return frames[frames.length - 1];
    }

    private static List<String> containerFields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .filter(LiveFeedTest::holdsMany)
                .map(Field::getName)
                .toList();
    }

    private static boolean holdsMany(Field field) {
        Class<?> type = field.getType();
        return type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)
                || Iterable.class.isAssignableFrom(type);
    }
}
