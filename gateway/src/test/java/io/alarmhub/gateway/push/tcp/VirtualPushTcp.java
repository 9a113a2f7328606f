package io.alarmhub.gateway.push.tcp;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.websocket.RoomRegistry;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PushServer connections on virtual time: each an {@link EmbeddedChannel} with frozen time carrying the
 * listener's own pipeline ({@link PushTcpInitializer}), over the real store and hub. Time moves only when
 * the test says {@link #pass}.
 */
final class VirtualPushTcp implements AutoCloseable {

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SqlitePushStore store;
    private final PushTcpInitializer initializer;
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    VirtualPushTcp(Path dir, TcpPushSettings settings) {
        store = SqlitePushStore.open(dir.resolve("push.db"));
        Clock clock = Clock.systemUTC();
        PushHub hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        PushContext context = new PushContext(hub, new DoorUnits(), new RoomRegistry(), PushLimits.DEFAULT);
        initializer = new PushTcpInitializer(context, new PushMetrics(registry, Face.TCP, hub.presence()), settings);
    }

    /** A new accepted connection, its timers started at the current virtual time. */
    EmbeddedChannel connect() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(initializer);
        channels.add(channel);
        return channel;
    }

    static void pass(EmbeddedChannel channel, Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    static void send(EmbeddedChannel channel, String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /** The next line the server wrote, without its newline; null when it wrote none. */
    static String reply(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        if (out == null) {
            return null;
        }
        try {
            return out.toString(StandardCharsets.UTF_8).stripTrailing();
        } finally {
            out.release();
        }
    }

    /** How many connections the server closed for {@code reason}. */
    double closed(String reason) {
        return registry.get("alarmhub.push.closed").tags("face", "tcp", "reason", reason).counter().count();
    }

    @Override
    public void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        store.close();
    }
}
