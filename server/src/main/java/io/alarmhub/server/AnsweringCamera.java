package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A simulated camera that stays logged in to the HEDGW: it reads on a thread of its own, answers each
 * {@code DevAppCmd} with what {@code answers} makes of it ({@link SimulatedCameraAnswers#answer}, or that and the
 * firmware simulator's), tells {@code watcher} of each, and pings every {@code ping_pong_span} so that the server
 * keeps it; every message it reads also goes to {@code heard}, for a camera that streams ({@link CameraVideo} hears
 * of its plan and its viewers, {@link TalkAudio} of an app's voice). Everything it sends goes through one lock, so
 * that a ping and an answer never interleave their bytes.
 * It owns the {@link HedgwCamera} from {@link #start} on: {@link #close} closes it.
 */
public final class AnsweringCamera implements AutoCloseable {

    /** Hears of each command the camera received, and what it answered (empty: nothing). */
    @FunctionalInterface
    public interface Watcher {
        void received(Hedgw.DevAppCmd command, Optional<Hedgw.HEDGWMessage> answer);
    }

    private final HedgwCamera camera;
    private final Function<Hedgw.DevAppCmd, Optional<Hedgw.HEDGWMessage>> answers;
    private final Watcher watcher;
    private final Consumer<Hedgw.HEDGWMessage> heard;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final Object sending = new Object();
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "hemu-camera-ping");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Optional<IOException> failure = Optional.empty();
    private int pingId = 1000;

    /** @param camera logged in already, read by nobody else from now on */
    public AnsweringCamera(HedgwCamera camera, Function<Hedgw.DevAppCmd, Optional<Hedgw.HEDGWMessage>> answers,
                           Watcher watcher) {
        this(camera, answers, watcher, message -> { });
    }

    /** @param heard hears of every message read, before it is answered */
    public AnsweringCamera(HedgwCamera camera, Function<Hedgw.DevAppCmd, Optional<Hedgw.HEDGWMessage>> answers,
                           Watcher watcher, Consumer<Hedgw.HEDGWMessage> heard) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.watcher = Objects.requireNonNull(watcher, "watcher");
        this.heard = Objects.requireNonNull(heard, "heard");
    }

    /** Starts reading and answering, and pinging every {@code pingSpan}. */
    public AnsweringCamera start(Duration pingSpan) throws IOException {
        if (pingSpan.isZero() || pingSpan.isNegative()) {
            throw new IllegalArgumentException("ping span " + pingSpan);
        }
        camera.readTimeout(Duration.ZERO);
        Thread reader = new Thread(this::read, "hemu-camera-read");
        reader.setDaemon(true);
        reader.start();
        pinger.scheduleAtFixedRate(this::ping, pingSpan.toMillis(), pingSpan.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Waits until the connection ends or {@code stay} has passed ({@link Duration#ZERO}: until the connection
     * ends). True when the connection is still up.
     */
    public boolean stay(Duration stay) throws InterruptedException {
        if (stay.isZero()) {
            ended.await();
            return false;
        }
        return !ended.await(stay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the connection ended, when it ended other than by {@link #close}. */
    public Optional<IOException> failure() {
        return failure;
    }

    private void read() {
        try {
            while (true) {
                Hedgw.HEDGWMessage message = camera.receive();
                heard.accept(message);
                if (message.getMessageType() == MessageType.DevAppCmd && message.hasDevAppCmd()) {
                    Optional<Hedgw.HEDGWMessage> answer = answers.apply(message.getDevAppCmd());
                    if (answer.isPresent()) {
                        send(answer.get());
                    }
                    watcher.received(message.getDevAppCmd(), answer);
                }
            }
        } catch (IOException e) {
            if (ended.getCount() > 0) {
                failure = Optional.of(e);
            }
        } finally {
            ended.countDown();
            pinger.shutdownNow();
        }
    }

    private void ping() {
        try {
            send(Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.PING)
                    .setPing(Hedgw.Ping.newBuilder().setId(++pingId)).build());
        } catch (IOException e) {
            // the reader sees the connection end too, and says why
            pinger.shutdownNow();
        }
    }

    private void send(Hedgw.HEDGWMessage message) throws IOException {
        synchronized (sending) {
            camera.send(message);
        }
    }

    @Override
    public void close() throws IOException {
        pinger.shutdownNow();
        ended.countDown();
        camera.close();
    }
}
