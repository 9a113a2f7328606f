package io.alarmhub.gateway.push.tcp;

import io.alarmhub.gateway.push.websocket.WebSocketSettings;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.alarmhub.gateway.push.tcp.VirtualPushTcp.pass;
import static io.alarmhub.gateway.push.tcp.VirtualPushTcp.reply;
import static io.alarmhub.gateway.push.tcp.VirtualPushTcp.send;
import static org.assertj.core.api.Assertions.assertThat;

/** The idle timeout: on virtual time at its full length, and once on a real socket, shortened. */
class PushTcpIdleTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionSilentForTheWholeIdleTimeoutIsClosedAndCountedIdle() {
        // The line timeout is longer here, so that silence is the idle timeout's to catch.
        TcpPushSettings settings = new TcpPushSettings("127.0.0.1", 0, 1024, Duration.ofMinutes(5), 10, 64,
                32 * 1024, 64 * 1024, Duration.ofMinutes(10));
        try (VirtualPushTcp server = new VirtualPushTcp(dir, settings)) {
            EmbeddedChannel quiet = server.connect();
            pass(quiet, Duration.ofMinutes(5).minusMillis(1));
            assertThat(quiet.isOpen()).isTrue();
            pass(quiet, Duration.ofMillis(1));
            assertThat(quiet.isOpen()).isFalse();
            assertThat(server.closed("idle")).isEqualTo(1);
            assertThat(server.closed("line_timeout")).isZero();
        }
    }

    @Test
    void aLineRestartsTheIdleTimeout() {
        try (VirtualPushTcp server = new VirtualPushTcp(dir, PushServers.loopback(TcpPushSettings.DEFAULT))) {
            Duration idle = TcpPushSettings.DEFAULT.idleTimeout();
            EmbeddedChannel client = server.connect();
            send(client, "{\"t\":7}\n");
            assertThat(reply(client)).contains("\"channelSize\"");
            pass(client, idle.dividedBy(2));
            send(client, "{\"t\":7}\n");
            pass(client, idle.minusMillis(1));
            assertThat(client.isOpen()).isTrue();
            pass(client, Duration.ofMillis(1));
            assertThat(client.isOpen()).isFalse();
            assertThat(server.closed("idle")).isEqualTo(1);
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeoutOnARealSocket() {
        TcpPushSettings settings = new TcpPushSettings("127.0.0.1", 0, 1024, Duration.ofMillis(200), 10, 64,
                32 * 1024, 64 * 1024);
        try (PushServers servers = new PushServers(dir, settings, PushServers.loopback(WebSocketSettings.DEFAULT));
             LineClient quiet = servers.tcpClient()) {
            assertThat(quiet.closedByServer()).isTrue();
            assertThat(servers.count("alarmhub.push.closed", "face", "tcp", "reason", "idle")).isEqualTo(1);
        }
    }
}
