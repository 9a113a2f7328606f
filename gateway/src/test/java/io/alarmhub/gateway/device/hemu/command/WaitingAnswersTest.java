package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.device.hemu.HemuMetrics;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The table of commands waiting for answers, its timeouts on an EmbeddedChannel's event loop with frozen time
 * (the production timer, {@link CommandTimer#on}, on a loop whose clock the test moves).
 */
class WaitingAnswersTest {

    private static final String CAMERA = "110234567894562";
    private static final String OTHER = "110234567894563";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final EmbeddedChannel loop = new EmbeddedChannel();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HemuMetrics metrics = new HemuMetrics(meters);

    {
        loop.freezeTime();
    }

    @AfterEach
    void close() {
        loop.finishAndReleaseAll();
    }

    private WaitingAnswers table(int capacity, int firstSession) {
        return new WaitingAnswers(capacity, TIMEOUT, CommandTimer.on(loop.eventLoop()), metrics, firstSession);
    }

    private static IpCamMessage.Answer answer(long session, Optional<String> dst, int request, int response) {
        return new IpCamMessage.Answer(dst, session, request, OptionalInt.of(21), response, Optional.empty(),
                JsonNodeFactory.instance.objectNode());
    }

    private void advance(Duration by) {
        loop.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        loop.runScheduledPendingTasks();
    }

    private double stray() {
        return meters.get(HemuMetrics.COMMANDS).tag("outcome", "stray").counter().count();
    }

    @Test
    void anAnswerOfTheCommandedCameraWithItsSessionCompletesIt() {
        WaitingAnswers table = table(10, 1000);
        WaitingAnswers.Ticket ticket = table.open(CAMERA, "alice", 1793);
        assertThat(ticket.msgSession()).isEqualTo(1000);

        IpCamMessage.Answer answer = answer(1000, Optional.of("alice"), 1793, 0);
        table.answer(CAMERA, answer);

        assertThat(ticket.answer()).isCompletedWithValue(answer);
        assertThat(table.size()).isZero();
        advance(TIMEOUT.multipliedBy(2));
        assertThat(ticket.answer()).as("its timeout was cancelled").isCompletedWithValue(answer);
        assertThat(stray()).isZero();
    }

    @Test
    void aCameraThatSendsNoDstDeviceIdIsMatchedByItsSessionAndItself() {
        WaitingAnswers table = table(10, 5);
        WaitingAnswers.Ticket ticket = table.open(CAMERA, "alice", 1792);

        table.answer(CAMERA, answer(5, Optional.empty(), 1792, 0));

        assertThat(ticket.answer()).isCompleted();
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheCommandTimeoutOnVirtualTime() {
        WaitingAnswers table = table(10, 1);
        WaitingAnswers.Ticket ticket = table.open(CAMERA, "alice", 1793);

        advance(TIMEOUT.minusMillis(1));
        assertThat(ticket.answer()).isNotDone();
        advance(Duration.ofMillis(1));

        assertThat(reason(ticket.answer())).isEqualTo(CommandRefusal.Reason.TIMEOUT);
        assertThat(table.size()).isZero();
        // its late answer is a stray one
        table.answer(CAMERA, answer(1, Optional.of("alice"), 1793, 0));
        assertThat(stray()).isEqualTo(1);
    }

    @Test
    void pastItsCapacityACommandIsRefusedBusyUntilOneEnds() {
        WaitingAnswers table = table(2, 1);
        WaitingAnswers.Ticket first = table.open(CAMERA, "alice", 1793);
        table.open(CAMERA, "alice", 1793);

        assertThatThrownBy(() -> table.open(OTHER, "bob", 1792)).isInstanceOfSatisfying(CommandRefusal.class,
                refusal -> assertThat(refusal.reason()).isEqualTo(CommandRefusal.Reason.BUSY));

        first.cancel();
        assertThat(table.open(OTHER, "bob", 1792).msgSession()).isEqualTo(3);
        assertThat(first.answer()).as("a cancelled command is never answered").isNotDone();
        advance(TIMEOUT);
        assertThat(first.answer()).as("nor timed out").isNotDone();
    }

    @Test
    void answersThatAreNotTheCommandsAreStrayCountedAndDropped() {
        WaitingAnswers table = table(10, 42);
        WaitingAnswers.Ticket ticket = table.open(CAMERA, "alice", 1793);

        table.answer(CAMERA, answer(43, Optional.of("alice"), 1793, 0));     // another session
        table.answer(OTHER, answer(42, Optional.of("alice"), 1793, 0));      // another camera
        table.answer(CAMERA, answer(42, Optional.of("mallory"), 1793, 0));   // sent to someone else
        table.answer(CAMERA, answer(42, Optional.of("alice"), 1792, 0));     // another request
        table.answer(CAMERA, answer(-42, Optional.of("alice"), 1793, 0));    // no session of ours
        table.answer(CAMERA, answer(42L + (1L << 32), Optional.of("alice"), 1793, 0)); // not 31 bits

        assertThat(ticket.answer()).isNotDone();
        assertThat(stray()).isEqualTo(6);
        table.answer(CAMERA, answer(42, Optional.of("alice"), 1793, -1));
        assertThat(ticket.answer().join().response()).as("a refusal of the camera's is an answer").isEqualTo(-1);
    }

    @Test
    void sessionsCountUpAndWrapPastTheLargestToOne() {
        WaitingAnswers table = table(10, Integer.MAX_VALUE - 1);
        WaitingAnswers.Ticket a = table.open(CAMERA, "alice", 1793);
        WaitingAnswers.Ticket b = table.open(CAMERA, "alice", 1793);
        WaitingAnswers.Ticket c = table.open(CAMERA, "alice", 1793);
        assertThat(a.msgSession()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(b.msgSession()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.msgSession()).as("positive 31-bit, never 0").isEqualTo(1);
        assertThat(WaitingAnswers.randomSession()).isPositive();
    }

    private static CommandRefusal.Reason reason(CompletableFuture<?> future) {
        Throwable failure = catchThrowable(future::join);
        assertThat(failure).hasCauseInstanceOf(CommandRefusal.class);
        return ((CommandRefusal) failure.getCause()).reason();
    }
}
