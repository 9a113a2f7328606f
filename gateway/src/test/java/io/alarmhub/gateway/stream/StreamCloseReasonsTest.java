package io.alarmhub.gateway.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every ended enterprise connection is counted once, by why it ended; on virtual time. */
class StreamCloseReasonsTest {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    StreamFixture f;
    SimpleMeterRegistry registry;
    StreamMetrics metrics;

    @BeforeEach
    void start() {
        f = new StreamFixture(dir);
        registry = new SimpleMeterRegistry();
        metrics = new StreamMetrics(registry, f.streams);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void noLoginWithinTheTimeoutIsALoginTimeout() {
        EmbeddedChannel channel = channel(new EnterpriseStreamHandler(f.streams, metrics, LOGIN_TIMEOUT));

        channel.advanceTimeBy(LOGIN_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(closed("login_timeout")).isEqualTo(1);
        assertThat(closed("peer_closed")).isZero();
    }

    @Test
    void silenceIsIdle() {
        // When the idle timeout fires is EnterpriseStreamIdleTest's; here only how its event is counted.
        EmbeddedChannel channel = channel(new EnterpriseStreamHandler(f.streams, metrics, LOGIN_TIMEOUT));

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        assertThat(channel.isOpen()).isFalse();
        assertThat(closed("idle")).isEqualTo(1);
    }

    @Test
    void unreadableInputIsBadInput() {
        EmbeddedChannel channel = channel(new EnterpriseStreamHandler(f.streams, metrics, LOGIN_TIMEOUT));

        channel.pipeline().fireExceptionCaught(new DecoderException("not a TLS record"));

        assertThat(channel.isOpen()).isFalse();
        assertThat(closed("bad_input")).isEqualTo(1);
    }

    @Test
    void theServerEndingItIsCountedAsTheServers() {
        EnterpriseStreamHandler handler = new EnterpriseStreamHandler(f.streams, metrics, LOGIN_TIMEOUT);
        EmbeddedChannel channel = channel(handler);

        handler.close();
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(closed("server")).isEqualTo(1);
    }

    @Test
    void aClientHangingUpIsPeerClosed() {
        EmbeddedChannel channel = channel(new EnterpriseStreamHandler(f.streams, metrics, LOGIN_TIMEOUT));

        channel.close();

        assertThat(closed("peer_closed")).isEqualTo(1);
        assertThat(registry.find("alarmhub.stream.closed").counters().stream().mapToDouble(Counter::count).sum())
                .isEqualTo(1.0);
    }

    private static EmbeddedChannel channel(io.netty.channel.ChannelHandler... handlers) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(handlers);
        return channel;
    }

    private double closed(String reason) {
        return registry.get("alarmhub.stream.closed").tag("reason", reason).counter().count();
    }
}
