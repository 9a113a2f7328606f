package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.gateway.device.jovision.RecordingDeviceEvents.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listener on a loopback socket, fed the vendor document's examples verbatim. The timeouts against a
 * dribbling device are checked on virtual time, in {@link JovisionTimeoutsTest}.
 */
class JovisionListenerTest {

    private static final DeviceId DEVICE = new DeviceId("jovision", "S35084741");

    private final RecordingDeviceEvents events = new RecordingDeviceEvents();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NettyLoops loops = new NettyLoops(1);
    private JovisionListener listener;
    private int port;

    private DeviceSocket start(JovisionSettings settings) {
        listener = new JovisionListener(loops, events, registry, settings.withHost("127.0.0.1").withPort(0));
        assertThat(listener.name()).isEqualTo("device-jovision");
        port = listener.start().getPort();
        return new DeviceSocket(port);
    }

    private DeviceSocket start() {
        return start(JovisionSettings.DEFAULT.withMediaUrlTemplate("ftp://media.example.net/{dguid}/{ats}.{ext}"));
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        loops.close();
    }

    @Test
    void everyExampleOfTheDocumentIsAnsweredByteForByte() {
        try (DeviceSocket device = start()) {
            assertReply(device.send(Seed000.ALARM + "\r\n"), Seed000.ALARM_REPLY);
            assertReply(device.send(Seed000.FTP_TEXT + "\r\n"), Seed000.FTP_TEXT_REPLY);
            assertReply(device.send(Seed000.FTP_PICTURE + "\r\n"), Seed000.FTP_PICTURE_REPLY);
            // The document prints mid 101 for this reply to mid 102, an error in the document: we echo 102.
            assertReply(device.send(Seed000.FTP_VIDEO + "\r\n"), Seed000.FTP_VIDEO_REPLY);
            assertReply(device.send(Seed000.ONLINE + "\r\n"), Seed000.ONLINE_REPLY);
            assertReply(device.send(Seed000.HEARTBEAT + "\r\n"), Seed000.HEARTBEAT_REPLY);
            assertReply(device.send(Seed000.OFFLINE + "\r\n"), Seed000.OFFLINE_REPLY);
        }
        // The heartbeat of a device already online is only noted as seen: six events for seven requests.
        assertThat(events.await(6)).hasSize(6);
        assertThat(events.seen()).containsExactly(DEVICE);
    }

    @Test
    void aConnectionOpeningWithTheMagicAndBareNewlinesIsAnsweredTheSame() {
        try (DeviceSocket device = start()) {
            device.send("@#1");
            device.send("$6" + Seed000.ALARM + "\n");
            assertReply(device, Seed000.ALARM_REPLY);
        }
    }

    @Test
    void theFtpFlowGivesAnAlarmAndTwoMediaReadyWithTheSameRef() {
        try (DeviceSocket device = start()) {
            device.send(Seed000.FTP_TEXT + "\r\n" + Seed000.FTP_PICTURE + "\r\n" + Seed000.FTP_VIDEO + "\r\n");
            assertReply(device, Seed000.FTP_TEXT_REPLY);
            assertReply(device, Seed000.FTP_PICTURE_REPLY);
            assertReply(device, Seed000.FTP_VIDEO_REPLY);
        }
        List<DeviceEvent> taken = events.await(3);
        DeviceEvent.Alarm alarm = (DeviceEvent.Alarm) taken.get(0);
        DeviceEvent.AlarmMediaReady picture = (DeviceEvent.AlarmMediaReady) taken.get(1);
        DeviceEvent.AlarmMediaReady video = (DeviceEvent.AlarmMediaReady) taken.get(2);
        assertThat(alarm.ref()).contains("S35084741:1411626387");
        assertThat(picture.ref()).isEqualTo("S35084741:1411626387");
        assertThat(video.ref()).isEqualTo("S35084741:1411626387");
        assertThat(picture.media().kind()).isEqualTo(MediaKind.PICTURE);
        assertThat(picture.media().url()).isEqualTo("ftp://media.example.net/S35084741/1411626387.jpg");
        assertThat(video.media().kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(video.media().url()).isEqualTo("ftp://media.example.net/S35084741/1411626387.mp4");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWhenTheStoreCompletesThemBackwards() throws InterruptedException {
        events.answer(Answer.HOLD);
        try (DeviceSocket device = start()) {
            device.send(Seed000.FTP_TEXT + "\r\n" + Seed000.FTP_PICTURE + "\r\n" + Seed000.FTP_VIDEO + "\r\n");
            events.await(3);
            // Completing a held future hands its settling to the connection's event loop at once
            // (JovisionHandler.onLoop), so the tasks for 2 and 1 are queued before the one for 0: a reply
            // written when its store op settles, rather than in request order, reaches the socket first.
            events.complete(2);
            events.complete(1);
            events.complete(0);
            assertReply(device, Seed000.FTP_TEXT_REPLY);
            assertReply(device, Seed000.FTP_PICTURE_REPLY);
            assertReply(device, Seed000.FTP_VIDEO_REPLY);
        }
    }

    @Test
    void aStoreFailureIsAnsweredMinusOneAndTheConnectionLivesOn() {
        events.answer(Answer.FAIL);
        try (DeviceSocket device = start()) {
            assertReply(device.send(Seed000.ALARM + "\r\n"), Seed000.ALARM_REPLY.replace("\"rt\":0", "\"rt\":-1"));
            events.answer(Answer.TAKE);
            assertReply(device.send(Seed000.ALARM + "\r\n"), Seed000.ALARM_REPLY);
        }
    }

    @Test
    void silencePastTheHeartbeatTimeoutTakesTheDeviceOfflineAndClosesTheConnection() {
        try (DeviceSocket device = start(JovisionSettings.DEFAULT.withHeartbeatTimeout(Duration.ofMillis(300)))) {
            assertReply(device.send(Seed000.ONLINE + "\r\n"), Seed000.ONLINE_REPLY);
            assertThat(device.closedByServer()).isTrue();
        }
        assertThat(registry.get("alarmhub.device.closed").tag("reason", "heartbeat_timeout").counter().count())
                .isEqualTo(1.0);
        List<DeviceEvent> taken = events.await(2);
        DeviceEvent.Online online = (DeviceEvent.Online) taken.get(0);
        assertThat(online.address()).contains("127.0.0.1");
        assertThat(online.name()).contains("HD_IPC");
        DeviceEvent.Offline offline = (DeviceEvent.Offline) taken.get(1);
        assertThat(offline.device()).isEqualTo(DEVICE);
        assertThat(offline.reason()).isEqualTo("heartbeat timeout");
    }

    @Test
    void aConnectionThatNeverSendsALineIsClosedByTheLineTimeout() throws InterruptedException {
        try (DeviceSocket device = start(JovisionSettings.DEFAULT.withLineTimeout(Duration.ofMillis(300)))) {
            assertThat(device.closedByServer()).isTrue();
        }
        awaitNoOpenConnections();
        assertThat(registry.get("alarmhub.device.closed").tag("reason", "line_timeout").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void goodbyeTakesTheDeviceOfflineOnce() throws InterruptedException {
        try (DeviceSocket device = start()) {
            assertReply(device.send(Seed000.ONLINE + "\r\n"), Seed000.ONLINE_REPLY);
            assertReply(device.send(Seed000.OFFLINE + "\r\n"), Seed000.OFFLINE_REPLY);
        }
        DeviceEvent.Offline offline = (DeviceEvent.Offline) events.await(2).get(1);
        assertThat(offline.reason()).isEqualTo("goodbye");
        assertThat(offline.raw()).isEqualTo(Seed000.OFFLINE);
        awaitNoOpenConnections();
        assertThat(events.events()).as("the close after a goodbye is no second offline").hasSize(2);
    }

    @Test
    void aConnectionEndingWithoutGoodbyeTakesItsDeviceOffline() {
        try (DeviceSocket device = start()) {
            assertReply(device.send(Seed000.ALARM + "\r\n"), Seed000.ALARM_REPLY);
        }
        DeviceEvent.Offline offline = (DeviceEvent.Offline) events.await(2).get(1);
        assertThat(offline).isEqualTo(new DeviceEvent.Offline(offline.id(), DEVICE, offline.time(),
                "connection closed", JovisionEventMapper.NO_MESSAGE));
        assertThat(offline.id()).isNotEqualTo(events.events().get(0).id());
    }

    private void awaitNoOpenConnections() {
        await("every connection closed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> registry.get("alarmhub.device.connections.open").gauge().value() == 0);
    }

    private static void assertReply(DeviceSocket device, String reply) {
        assertThat(new String(device.readLine(), StandardCharsets.UTF_8)).isEqualTo(reply + "\r\n");
    }
}
