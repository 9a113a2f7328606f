package io.alarmhub.gateway.push.websocket;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The idle timeout of WebSocketServer on virtual time: the listener's own pipeline
 * ({@link WebSocketInitializer}) on an {@link EmbeddedChannel} whose time moves only when the test says.
 * Half the idle timeout without a request closes a connection; once upgraded, half the idle timeout of
 * silence brings a ping, and another half without even a pong a close.
 */
class WebSocketIdleTest {

    private static final WebSocketSettings SETTINGS = WebSocketSettings.DEFAULT;
    private static final Duration HALF = SETTINGS.idleTimeout().dividedBy(2);
    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    private static final int PING = 0x89;
    private static final int CLOSE = 0x88;

    @TempDir
    Path dir;
    private SqlitePushStore store;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EmbeddedChannel channel;

    @BeforeEach
    void connect() {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        RoomRegistry rooms = new RoomRegistry();
        PushContext context = new PushContext(hub, new DoorUnits(), rooms, PushLimits.DEFAULT);
        PushMetrics metrics = new PushMetrics(registry, Face.WEBSOCKET, hub.presence());
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new WebSocketInitializer(new WebSocketRouter(context, rooms, metrics, SETTINGS),
                SETTINGS));
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        store.close();
    }

    @Test
    void aConnectionWithoutARequestForHalfTheIdleTimeoutIsClosedAndCountedIdle() {
        pass(HALF.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        pass(Duration.ofMillis(1));
        assertThat(channel.isOpen()).isFalse();
        assertThat(closedIdle()).isEqualTo(1);
    }

    @Test
    void anUpgradedConnectionSilentForHalfTheIdleTimeoutIsPingedThenClosedAfterAnotherHalf() {
        channel.writeInbound(Unpooled.copiedBuffer(UPGRADE, StandardCharsets.UTF_8));
        assertThat(outbound()).startsWith("HTTP/1.1 101");
        pass(HALF.minusMillis(1));
        assertThat((Object) channel.readOutbound()).isNull();
        pass(Duration.ofMillis(1));
        assertThat(nextOpcode()).as("a ping").isEqualTo(PING);
        assertThat(channel.isOpen()).isTrue();

        pass(HALF.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        pass(Duration.ofMillis(1));
        assertThat(nextOpcode()).as("a close").isEqualTo(CLOSE);
        assertThat(channel.isOpen()).isFalse();
        assertThat(closedIdle()).isEqualTo(1);
    }

    private void pass(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    /** Everything written so far, as text. */
    private String outbound() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            text.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return text.toString();
    }

    /** The opcode byte (with FIN) of the next frame written. */
    private int nextOpcode() {
        ByteBuf out = channel.readOutbound();
        try {
            return out.getUnsignedByte(out.readerIndex());
        } finally {
            out.release();
        }
    }

    private double closedIdle() {
        return registry.get("alarmhub.push.closed").tags("face", "websocket", "reason", "idle").counter().count();
    }
}
