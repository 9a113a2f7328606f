package io.alarmhub.gateway.device.hemu.command;

import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The commands sent to cameras and waiting for their answers ({@code DevIpCamCmd} type 2, 5.2.11), by
 * {@code msgSession}: at most {@code capacity} at once (past it a command is refused {@code BUSY} before it is
 * sent), each for at most {@code timeout} ({@code TIMEOUT} then).
 *
 * <p>{@code msgSession}s are unique on this node: they start at a random positive 31-bit number and count up,
 * skipping any still waiting, so a camera's late answer to an old command does not complete a new one. An answer
 * completes a command only when it names its session, comes from the camera commanded, names in
 * {@code dst_device_id} (when the camera sends one) the {@code src_device_id} the command was sent with, and
 * answers the same {@code request}; anything else is a stray answer, counted and dropped.
 */
public final class WaitingAnswers {

    private static final Logger log = LoggerFactory.getLogger(WaitingAnswers.class);

    private final int capacity;
    private final Duration timeout;
    private final CommandTimer timer;
    private final HemuMetrics metrics;
    /** Guarded by itself, as is {@link #next}. */
    private final Map<Integer, Ticket> waiting = new HashMap<>();
    private int next;
    private final AtomicBoolean strayLogged = new AtomicBoolean();

    /**
     * @param firstSession the first {@code msgSession} given out, from 1 to {@link Integer#MAX_VALUE}
     */
    public WaitingAnswers(int capacity, Duration timeout, CommandTimer timer, HemuMetrics metrics, int firstSession) {
        if (capacity < 1 || firstSession < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ", first session " + firstSession);
        }
        this.capacity = capacity;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.next = firstSession;
    }

    /** A random first session, as a node starts with. */
    public static int randomSession() {
        return java.util.concurrent.ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    }

    /** One command's place in the table: its session, and the answer it gets. */
    public final class Ticket {

        private final int msgSession;
        private final String deviceId;
        private final String srcDeviceId;
        private final int request;
        private final CompletableFuture<IpCamMessage.Answer> answer = new CompletableFuture<>();
        private CommandTimer.Cancellable timeoutTask;

        private Ticket(int msgSession, String deviceId, String srcDeviceId, int request) {
            this.msgSession = msgSession;
            this.deviceId = deviceId;
            this.srcDeviceId = srcDeviceId;
            this.request = request;
        }

        public int msgSession() {
            return msgSession;
        }

        /** Completes with the camera's answer, or fails with {@code TIMEOUT}. */
        public CompletableFuture<IpCamMessage.Answer> answer() {
            return answer;
        }

        /** Gives the place up: the command could not be sent, and nothing will answer it. */
        public void cancel() {
            if (remove(this)) {
                timeoutTask.cancel();
            }
        }

        private boolean matches(String from, IpCamMessage.Answer given) {
            return deviceId.equals(from) && given.responseRequest() == request
                    && given.dstDeviceId().map(srcDeviceId::equals).orElse(true);
        }
    }

    /**
     * A place for a command to {@code deviceId}, sent as {@code srcDeviceId}; the answer's clock starts now.
     *
     * @throws CommandRefusal {@code BUSY} when {@code capacity} commands are waiting
     */
    public Ticket open(String deviceId, String srcDeviceId, int request) {
        Ticket ticket;
        synchronized (waiting) {
            if (waiting.size() >= capacity) {
                throw new CommandRefusal(CommandRefusal.Reason.BUSY, capacity
                        + " commands are waiting for cameras' answers on this node (hemu.commands.max-waiting);"
                        + " try again");
            }
            while (waiting.containsKey(next)) {
                next = following(next);
            }
            ticket = new Ticket(next, deviceId, srcDeviceId, request);
            next = following(next);
            waiting.put(ticket.msgSession, ticket);
            ticket.timeoutTask = timer.after(timeout, () -> {
                if (remove(ticket)) {
                    ticket.answer.completeExceptionally(new CommandRefusal(CommandRefusal.Reason.TIMEOUT,
                            "camera " + deviceId + " did not answer within " + timeout.toMillis() + " ms"));
                }
            });
        }
        return ticket;
    }

    /** A camera's answer: completes the command it answers, or is counted as stray and dropped. */
    public void answer(String deviceId, IpCamMessage.Answer answer) {
        Ticket ticket;
        synchronized (waiting) {
            ticket = answer.msgSession() >= 1 && answer.msgSession() <= Integer.MAX_VALUE
                    ? waiting.get((int) answer.msgSession()) : null;
            if (ticket == null || !ticket.matches(deviceId, answer)) {
                ticket = null;
            } else {
                waiting.remove(ticket.msgSession);
            }
        }
        if (ticket == null) {
            metrics.command("stray");
            if (strayLogged.compareAndSet(false, true)) {
                log.info("hemu: camera {} answered msgSession {} request {}, which no command of its waits for"
                        + " (late, or not ours); such answers are dropped and only counted from now on"
                        + " (alarmhub_hemu_commands_total{outcome=\"stray\"})", deviceId, answer.msgSession(),
                        answer.responseRequest());
            }
            return;
        }
        ticket.timeoutTask.cancel();
        ticket.answer.complete(answer);
    }

    /** How many commands are waiting now. */
    public int size() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    private boolean remove(Ticket ticket) {
        synchronized (waiting) {
            return waiting.remove(ticket.msgSession, ticket);
        }
    }

    private static int following(int session) {
        return session == Integer.MAX_VALUE ? 1 : session + 1;
    }
}
