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

/**
 * The line timeout (here 1.5 s) against the reader idle timeout (here 1 s), which every byte resets: a
 * client dribbling a line a byte every 100 ms is only caught by the line timeout. On virtual time, but for
 * the connection that never speaks, which is also checked on a real socket.
 */
class PushTcpLineTimeoutTest {

    private static final TcpPushSettings SETTINGS = new TcpPushSettings("127.0.0.1", 0, 1024,
            Duration.ofSeconds(1), 10, 64, 32 * 1024, 64 * 1024, Duration.ofMillis(1500));

    @TempDir
    Path dir;

    @Test
    void aLineSentAByteAtATimeIsCutOffByTheLineTimeoutNotTheIdleTimeout() {
        try (VirtualPushTcp server = new VirtualPushTcp(dir, SETTINGS)) {
            EmbeddedChannel slow = server.connect();
            String line = "{\"t\":1,\"alias\":\"dribbling-along-for-longer-than-the-timeout\"}";
            int sent = 0;
            while (slow.isOpen() && sent < line.length()) {
                send(slow, line.substring(sent, sent + 1));
                sent++;
                pass(slow, Duration.ofMillis(100));
            }
            assertThat(slow.isOpen()).isFalse();
            assertThat(sent).as("cut off 1.5 s into the line, not at its end").isEqualTo(15);
            assertThat(server.closed("line_timeout")).isEqualTo(1);
            assertThat(server.closed("idle")).isZero();
        }
    }

    @Test
    void completeLinesKeepTheConnectionOpenLongPastTheLineTimeout() {
        try (VirtualPushTcp server = new VirtualPushTcp(dir, SETTINGS)) {
            EmbeddedChannel client = server.connect();
            for (int i = 0; i < 4; i++) {
                send(client, "{\"t\":7}\n");
                assertThat(reply(client)).contains("\"channelSize\"");
                pass(client, Duration.ofMillis(600)); // four of these outlast the 1.5 s line timeout
            }
            assertThat(client.isOpen()).isTrue();
            assertThat(server.closed("line_timeout")).isZero();
        }
    }

    @Test
    void aConnectionThatNeverSendsALineIsClosedByTheLineTimeout() {
        TcpPushSettings longIdle = new TcpPushSettings("127.0.0.1", 0, 1024, Duration.ofMinutes(5), 10, 64,
                32 * 1024, 64 * 1024, Duration.ofMillis(300));
        try (PushServers servers = new PushServers(dir, longIdle, PushServers.loopback(WebSocketSettings.DEFAULT));
             LineClient silent = servers.tcpClient()) {
            assertThat(silent.closedByServer()).isTrue();
            assertThat(servers.count("alarmhub.push.closed", "face", "tcp", "reason", "line_timeout")).isEqualTo(1);
        }
    }
}
