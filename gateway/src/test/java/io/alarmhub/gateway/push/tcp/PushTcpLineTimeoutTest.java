package io.alarmhub.gateway.push.tcp;

import io.alarmhub.gateway.push.websocket.WebSocketSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The line timeout on a real socket: the reader idle timeout (here 1 s) is reset by every byte, so a
 * client dribbling a line a byte every 100 ms is only caught by the line timeout (here 1.5 s).
 */
class PushTcpLineTimeoutTest {

    private static final TcpPushSettings SETTINGS = new TcpPushSettings("127.0.0.1", 0, 1024,
            Duration.ofSeconds(1), 10, 64, 32 * 1024, 64 * 1024, Duration.ofMillis(1500));

    @TempDir
    Path dir;

    @Test
    void aLineSentAByteAtATimeIsCutOffByTheLineTimeoutNotTheIdleTimeout() throws Exception {
        try (PushServers servers = new PushServers(dir, SETTINGS, PushServers.loopback(WebSocketSettings.DEFAULT));
             LineClient slow = servers.tcpClient()) {
            byte[] line = "{\"t\":1,\"alias\":\"dribbling-along-for-longer-than-the-timeout\"}".getBytes(StandardCharsets.UTF_8);
            boolean cut = false;
            for (int i = 0; i < line.length && !cut; i++) {
                try {
                    slow.sendRaw(new byte[] {line[i]});
                } catch (RuntimeException reset) {
                    cut = true;
                }
                // real pacing: the server's idle and line timers run on the real clock of this real socket
                Thread.sleep(100);
            }
            assertThat(slow.closedByServer()).isTrue();
            assertThat(servers.count("alarmhub.push.closed", "face", "tcp", "reason", "line_timeout")).isEqualTo(1);
            assertThat(servers.count("alarmhub.push.closed", "face", "tcp", "reason", "idle")).isZero();
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

    @Test
    void completeLinesKeepTheConnectionOpenLongPastTheLineTimeout() throws Exception {
        try (PushServers servers = new PushServers(dir, SETTINGS, PushServers.loopback(WebSocketSettings.DEFAULT));
             LineClient client = servers.tcpClient()) {
            for (int i = 0; i < 4; i++) {
                client.send("{\"t\":1,\"alias\":\"steady\"}");
                assertThat(client.read().get("t").asInt()).isEqualTo(-1);
                Thread.sleep(600); // real time between lines: four of them outlast the 1.5 s line timeout
            }
            assertThat(servers.count("alarmhub.push.closed", "face", "tcp", "reason", "line_timeout")).isZero();
        }
    }
}
