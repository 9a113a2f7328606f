package io.alarmhub.gateway.push.tcp;

import io.alarmhub.gateway.push.websocket.WebSocketSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The idle timeout on a real socket, shortened so that the test does not wait minutes. */
class PushTcpIdleTest {

    @TempDir
    Path dir;

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() {
        TcpPushSettings settings = new TcpPushSettings("127.0.0.1", 0, 1024, Duration.ofMillis(200), 10, 64,
                32 * 1024, 64 * 1024);
        try (PushServers servers = new PushServers(dir, settings, PushServers.loopback(WebSocketSettings.DEFAULT));
             LineClient quiet = servers.tcpClient()) {
            assertThat(quiet.closedByServer()).isTrue();
            assertThat(servers.count("alarmhub.push.closed", "face", "tcp", "reason", "idle")).isEqualTo(1);
        }
    }
}
