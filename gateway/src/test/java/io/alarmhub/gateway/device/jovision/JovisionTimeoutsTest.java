package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.event.DeviceEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat and line timeouts of a device connection, on virtual time: the listener's own pipeline
 * ({@link JovisionPipeline}) on an {@link EmbeddedChannel} whose time moves only when the test says.
 */
class JovisionTimeoutsTest {

    private final RecordingDeviceEvents events = new RecordingDeviceEvents();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EmbeddedChannel device;

    private EmbeddedChannel connect(JovisionSettings settings) {
        device = new EmbeddedChannel();
        device.freezeTime();
        new JovisionPipeline(events, new JovisionMetrics(registry), settings, Clock.systemUTC())
                .install(device.pipeline());
        return device;
    }

    @AfterEach
    void close() {
        if (device != null) {
            device.finishAndReleaseAll();
        }
    }

    @Test
    void aLineSentAByteAtATimeIsCutOffByTheLineTimeoutNotTheHeartbeatTimeout() {
        // Every byte restarts the heartbeat timer (1 s); only the line timeout (1.5 s) catches the dribble.
        EmbeddedChannel device = connect(JovisionSettings.DEFAULT.withHeartbeatTimeout(Duration.ofSeconds(1))
                .withLineTimeout(Duration.ofMillis(1500)));
        String line = Seed000.ONLINE + "\r\n";
        int sent = 0;
        while (device.isOpen() && sent < line.length()) {
            send(device, line.substring(sent, sent + 1));
            sent++;
            pass(device, Duration.ofMillis(100));
        }
        assertThat(device.isOpen()).isFalse();
        assertThat(sent).as("cut off 1.5 s into the line, not at its end").isEqualTo(15);
        assertThat(closed("line_timeout")).isEqualTo(1.0);
        assertThat(closed("heartbeat_timeout")).isZero();
        assertThat(events.events()).as("no request was ever complete").isEmpty();
    }

    @Test
    void silenceForTheWholeHeartbeatTimeoutTakesTheDeviceOfflineAndClosesTheConnection() {
        Duration heartbeat = JovisionSettings.DEFAULT.heartbeatTimeout();
        EmbeddedChannel device = connect(JovisionSettings.DEFAULT);
        send(device, Seed000.ONLINE + "\r\n");
        device.runPendingTasks();
        assertThat(reply(device)).isEqualTo(Seed000.ONLINE_REPLY + "\r\n");

        pass(device, heartbeat.minusMillis(1));
        assertThat(device.isOpen()).isTrue();
        pass(device, Duration.ofMillis(1));

        assertThat(device.isOpen()).isFalse();
        assertThat(closed("heartbeat_timeout")).isEqualTo(1.0);
        assertThat(closed("line_timeout")).isZero();
        DeviceEvent.Offline offline = (DeviceEvent.Offline) events.events().get(1);
        assertThat(offline.reason()).isEqualTo("heartbeat timeout");
    }

    private static void send(EmbeddedChannel device, String text) {
        device.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static void pass(EmbeddedChannel device, Duration time) {
        device.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        device.runScheduledPendingTasks();
    }

    private static String reply(EmbeddedChannel device) {
        ByteBuf out = device.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private double closed(String reason) {
        return registry.get("alarmhub.device.closed").tag("reason", reason).counter().count();
    }
}
