package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.admission.Admission;
import io.alarmhub.core.admission.AdmittedDeviceEvents;
import io.alarmhub.core.admission.HeapGuard;
import io.alarmhub.core.admission.Overload;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.gateway.device.jovision.RecordingDeviceEvents.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two device connections behind one gate that admits a single event at a time. */
class JovisionAdmissionTest {

    private static final String BUSY_ALARM_REPLY = Seed000.ALARM_REPLY.replace("\"rt\":0", "\"rt\":-1");

    private final RecordingDeviceEvents intake = new RecordingDeviceEvents();
    private final Admission admission = new Admission(1, HeapGuard.never());
    private final JovisionMetrics metrics = new JovisionMetrics(new SimpleMeterRegistry());
    private final EmbeddedChannel first = channel();
    private final EmbeddedChannel second = channel();

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        new JovisionPipeline(new AdmittedDeviceEvents(intake, admission), metrics, JovisionSettings.DEFAULT,
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC)).install(ch.pipeline());
        return ch;
    }

    @AfterEach
    void finish() {
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void pastCapacityAnAlarmIsAnsweredMinusOneAtOnceAndTheDeviceMaySendItAgainLater() {
        intake.answer(Answer.HOLD);
        write(first, Seed000.ALARM);
        assertThat(replies(first)).as("waiting for the store").isEmpty();

        write(second, Seed000.ALARM);
        assertThat(replies(second)).containsExactly(BUSY_ALARM_REPLY);
        assertThat(intake.events()).as("the refused alarm never reached the intake").hasSize(1);
        assertThat(admission.refused(Overload.IN_FLIGHT, "jovision")).isEqualTo(1);
        assertThat(second.isOpen()).as("the connection lives on").isTrue();

        intake.complete(0);
        assertThat(replies(first)).containsExactly(Seed000.ALARM_REPLY);
        write(second, Seed000.ALARM);
        intake.complete(1);
        assertThat(replies(second)).containsExactly(Seed000.ALARM_REPLY);
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void aGoodbyeIsTakenEvenPastCapacity() {
        intake.answer(Answer.HOLD);
        write(first, Seed000.ALARM);
        write(second, Seed000.OFFLINE);
        assertThat(intake.events()).hasSize(2).last().isInstanceOf(DeviceEvent.Offline.class);
        intake.complete(1);
        assertThat(replies(second)).containsExactly(Seed000.OFFLINE_REPLY);
        assertThat(admission.refused(Overload.IN_FLIGHT, "jovision")).isZero();
    }

    private static void write(EmbeddedChannel ch, String line) {
        ch.writeInbound(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
        ch.runPendingTasks();
    }

    private static List<String> replies(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<String> lines = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (ByteBuf buf = ch.readOutbound(); buf != null; buf = ch.readOutbound()) {
            all.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        for (String line : all.toString().split("\r\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }
}
