package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.gateway.device.jovision.RecordingDeviceEvents.Answer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JovisionHandlerTest {

    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    private static final DeviceId DEVICE = new DeviceId("jovision", "S35084741");
    private static final String TEMPLATE = "ftp://media.example.net/alarms/{dguid}/{name}";

    private final RecordingDeviceEvents events = new RecordingDeviceEvents();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JovisionMetrics metrics = new JovisionMetrics(registry);
    private final EmbeddedChannel channel = channel(JovisionSettings.DEFAULT.withMediaUrlTemplate(TEMPLATE));

    private EmbeddedChannel channel(JovisionSettings settings) {
        EmbeddedChannel ch = new EmbeddedChannel();
        new JovisionPipeline(events, metrics, settings, Clock.fixed(NOW, ZoneOffset.UTC)).install(ch.pipeline());
        return ch;
    }

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void theSeedExamplesAreAnsweredAsTheDocumentShowsInOneRead() {
        send(Seed000.ALARM + "\r\n" + Seed000.FTP_TEXT + "\r\n" + Seed000.FTP_PICTURE + "\r\n"
                + Seed000.FTP_VIDEO + "\r\n");
        assertThat(replies()).containsExactly(Seed000.ALARM_REPLY, Seed000.FTP_TEXT_REPLY,
                Seed000.FTP_PICTURE_REPLY, Seed000.FTP_VIDEO_REPLY);
        assertThat(count("alarmhub.device.messages", "type", "alarm")).isEqualTo(1);
        assertThat(count("alarmhub.device.messages", "type", "alarm_ftp")).isEqualTo(3);
    }

    @Test
    void aCloudSeeAlarmPassesTheDeviceFileNamesOnAsUrls() {
        send(Seed000.ALARM + "\r\n");
        DeviceEvent.Alarm alarm = (DeviceEvent.Alarm) events.events().get(0);
        assertThat(alarm).isEqualTo(new DeviceEvent.Alarm("e1", DEVICE, Instant.ofEpochSecond(1411626360), 1,
                AlarmType.OTHER, "9", Optional.of("S35084741:1411626360"), Optional.empty(),
                List.of(new MediaRef(MediaKind.PICTURE, "100634.jpg", Optional.empty(), "100634.jpg"),
                        new MediaRef(MediaKind.VIDEO, "100634.mp4", Optional.empty(), "100634.mp4")),
                Optional.of("HD_IPC"), Seed000.ALARM));
    }

    @Test
    void anAlarmWithoutAtsHappensAtTheReceiveTimeAndHasNoRef() {
        send("{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":5,\"dguid\":\"S35084741\",\"atype\":7}\r\n");
        DeviceEvent.Alarm alarm = (DeviceEvent.Alarm) events.events().get(0);
        assertThat(alarm.time()).isEqualTo(NOW);
        assertThat(alarm.ref()).isEmpty();
        assertThat(alarm.type()).isEqualTo(AlarmType.MOTION);
        assertThat(alarm.media()).isEmpty();
        assertThat(replies()).containsExactly("{\"mt\":2220,\"rt\":0,\"mid\":5,\"dguid\":\"S35084741\"}");
    }

    @Test
    void theFtpFlowIsOneAlarmAndTwoMediaReadyWithTheSameRef() {
        send(Seed000.FTP_TEXT + "\r\n" + Seed000.FTP_PICTURE + "\r\n" + Seed000.FTP_VIDEO + "\r\n");
        List<DeviceEvent> taken = events.events();
        assertThat(taken).hasSize(3);
        DeviceEvent.Alarm alarm = (DeviceEvent.Alarm) taken.get(0);
        assertThat(alarm.ref()).contains("S35084741:1411626387");
        assertThat(alarm.time()).isEqualTo(Instant.ofEpochSecond(1411626387));
        assertThat(alarm.media()).as("the text message names no file").isEmpty();
        assertThat(taken.get(1)).isEqualTo(new DeviceEvent.AlarmMediaReady("e2", DEVICE, NOW, "S35084741:1411626387",
                new MediaRef(MediaKind.PICTURE, "", Optional.empty(),
                        "ftp://media.example.net/alarms/S35084741/1411626387.jpg"), Seed000.FTP_PICTURE));
        assertThat(taken.get(2)).isEqualTo(new DeviceEvent.AlarmMediaReady("e3", DEVICE, NOW, "S35084741:1411626387",
                new MediaRef(MediaKind.VIDEO, "", Optional.empty(),
                        "ftp://media.example.net/alarms/S35084741/1411626387.mp4"), Seed000.FTP_VIDEO));
    }

    @Test
    void anFtpTextMessageNamingItsFilesAnnouncesThemWithTemplateUrls() {
        send(Seed000.FTP_TEXT.replace("\"atype\":9", "\"atype\":7,\"apic\":\"a b.jpg\",\"apicsz\":10,\"avd\":\"c.mp4\"")
                + "\r\n");
        DeviceEvent.Alarm alarm = (DeviceEvent.Alarm) events.events().get(0);
        assertThat(alarm.media()).containsExactly(
                new MediaRef(MediaKind.PICTURE, "a b.jpg", Optional.empty(),
                        "ftp://media.example.net/alarms/S35084741/a%20b.jpg"),
                new MediaRef(MediaKind.VIDEO, "c.mp4", Optional.empty(),
                        "ftp://media.example.net/alarms/S35084741/c.mp4"));
    }

    @Test
    void repliesLeaveInRequestOrderWhateverOrderTheStoreCompletesIn() {
        events.answer(Answer.HOLD);
        send(Seed000.FTP_TEXT + "\r\n" + Seed000.FTP_PICTURE + "\r\n" + Seed000.FTP_VIDEO + "\r\n");
        assertThat(events.heldCount()).isEqualTo(3);
        events.complete(2);
        events.complete(1);
        assertThat(replies()).as("nothing before the first is stored").isEmpty();
        events.complete(0);
        assertThat(replies()).containsExactly(Seed000.FTP_TEXT_REPLY, Seed000.FTP_PICTURE_REPLY,
                Seed000.FTP_VIDEO_REPLY);
    }

    @Test
    void aMalformedReplyWaitsBehindEarlierRequests() {
        events.answer(Answer.HOLD);
        send(Seed000.FTP_TEXT + "\r\n" + Seed000.FTP_PICTURE.replace("\"lpt\":9,", "") + "\r\n");
        assertThat(replies()).isEmpty();
        events.complete(0);
        assertThat(replies()).containsExactly(Seed000.FTP_TEXT_REPLY,
                "{\"mt\":2222,\"rt\":-10,\"mid\":101,\"dguid\":\"S35084741\",\"ats\":1411626387}");
    }

    @Test
    void aStoreFailureIsAnsweredMinusOneAndTheConnectionLivesOn() {
        events.answer(Answer.FAIL);
        send(Seed000.ALARM + "\r\n");
        assertThat(replies()).containsExactly(Seed000.ALARM_REPLY.replace("\"rt\":0", "\"rt\":-1"));
        assertThat(channel.isOpen()).isTrue();
        events.answer(Answer.TAKE);
        send(Seed000.ALARM + "\r\n");
        assertThat(replies()).containsExactly(Seed000.ALARM_REPLY);
    }

    @Test
    void aRefusedDeviceIsAnsweredMinusOneThenClosedWithoutAnOfflineEvent() {
        events.answer(Answer.REFUSE);
        send(Seed000.ONLINE + "\r\n" + Seed000.ALARM + "\r\n");
        channel.runPendingTasks();
        assertThat(replies()).containsExactly(Seed000.ONLINE_REPLY.replace("\"rt\":0", "\"rt\":-1"));
        assertThat(channel.isOpen()).isFalse();
        assertThat(events.events()).as("lines after the refusal are not read, and no offline follows")
                .singleElement().isInstanceOf(DeviceEvent.Online.class);
    }

    @Test
    void malformedRequestsAreAnsweredMinusTenWithTheReplyType() {
        send(Seed000.HEARTBEAT.replace("\"pv\":\"1.0\",", "") + "\r\n"
                + "{\"mt\":4000,\"mid\":8}\r\n");
        assertThat(replies()).containsExactly("{\"mt\":2204,\"rt\":-10,\"mid\":2,\"dguid\":\"S35084741\"}",
                "{\"mt\":4001,\"rt\":-10,\"mid\":8}");
        assertThat(events.events()).isEmpty();
        assertThat(count("alarmhub.device.bad_input", "reason", "invalid")).isEqualTo(1);
        assertThat(count("alarmhub.device.bad_input", "reason", "unknown_type")).isEqualTo(1);
    }

    @Test
    void unanswerableLinesAreCountedAndCloseTheConnectionAfterMaxBadLinesInARow() {
        EmbeddedChannel ch = channel(JovisionSettings.DEFAULT.withMaxBadLines(3));
        write(ch, "garbage\r\n{\"mid\":1}\r\n");
        write(ch, Seed000.HEARTBEAT + "\r\n");
        write(ch, "more garbage\r\n[1]\r\n");
        assertThat(ch.isOpen()).as("a good line resets the run").isTrue();
        write(ch, "{\"mt\":2203,\"mid\":9}\r\n");
        assertThat(ch.isOpen()).as("an answerable bad line resets the run too").isTrue();
        write(ch, "x\r\ny\r\n");
        assertThat(ch.isOpen()).isTrue();
        write(ch, "z\r\n" + Seed000.HEARTBEAT + "\r\n");
        ch.runPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        assertThat(replies(ch)).containsExactly(Seed000.HEARTBEAT_REPLY,
                "{\"mt\":2204,\"rt\":-10,\"mid\":9}");
        assertThat(count("alarmhub.device.bad_input", "reason", "not_json")).isEqualTo(5);
        assertThat(count("alarmhub.device.bad_input", "reason", "invalid")).isEqualTo(3);
        ch.finishAndReleaseAll();
    }

    @Test
    void anOversizedLineIsCountedAndNotAnswered() {
        EmbeddedChannel ch = channel(new JovisionSettings("0.0.0.0", 0, 64, JovisionSettings.DEFAULT.heartbeatTimeout(),
                10, TEMPLATE));
        write(ch, Seed000.ALARM + "\r\n" + Seed000.HEARTBEAT + "\r\n");
        assertThat(replies(ch)).containsExactly(Seed000.HEARTBEAT_REPLY);
        assertThat(count("alarmhub.device.bad_input", "reason", "oversized")).isEqualTo(1);
        ch.finishAndReleaseAll();
    }

    @Test
    void aFirstHeartbeatBringsTheDeviceOnlineLaterOnesAreOnlySeen() {
        send(Seed000.HEARTBEAT + "\r\n" + Seed000.HEARTBEAT + "\r\n");
        assertThat(events.events()).singleElement().isEqualTo(new DeviceEvent.Online("e1", DEVICE, NOW,
                Optional.empty(), Optional.empty(), Seed000.HEARTBEAT));
        assertThat(events.seen()).containsExactly(DEVICE);
        assertThat(replies()).containsExactly(Seed000.HEARTBEAT_REPLY, Seed000.HEARTBEAT_REPLY);
    }

    @Test
    void onlineAndGoodbye() {
        send(Seed000.ONLINE + "\r\n" + Seed000.OFFLINE + "\r\n");
        assertThat(replies()).containsExactly(Seed000.ONLINE_REPLY, Seed000.OFFLINE_REPLY);
        assertThat(events.events()).containsExactly(
                new DeviceEvent.Online("e1", DEVICE, NOW, Optional.of("HD_IPC"), Optional.empty(), Seed000.ONLINE),
                new DeviceEvent.Offline("e2", DEVICE, NOW, "goodbye", Seed000.OFFLINE));
        channel.close();
        assertThat(events.events()).as("no second offline after a goodbye").hasSize(2);
    }

    @Test
    void aConnectionClosedWithoutGoodbyeTakesEachOfItsDevicesOffline() {
        send(Seed000.ONLINE + "\r\n" + Seed000.ALARM.replace("S35084741", "S2") + "\r\n");
        channel.close();
        List<DeviceEvent> taken = events.events();
        assertThat(taken).hasSize(4);
        assertThat(taken.subList(2, 4)).containsExactly(
                new DeviceEvent.Offline("e3", DEVICE, NOW, "connection closed", JovisionEventMapper.NO_MESSAGE),
                new DeviceEvent.Offline("e4", new DeviceId("jovision", "S2"), NOW, "connection closed",
                        JovisionEventMapper.NO_MESSAGE));
    }

    @Test
    void silencePastTheHeartbeatTimeoutTakesTheDeviceOfflineAndCloses() {
        send(Seed000.ONLINE + "\r\n");
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(channel.isOpen()).isFalse();
        assertThat(events.events()).hasSize(2).last()
                .isEqualTo(new DeviceEvent.Offline("e2", DEVICE, NOW, "heartbeat timeout",
                        JovisionEventMapper.NO_MESSAGE));
    }

    @Test
    void theOpenConnectionsGaugeFollowsTheChannel() {
        assertThat(registry.get("alarmhub.device.connections.open").tag("vendor", "jovision").gauge().value())
                .isEqualTo(1);
        channel.close();
        assertThat(registry.get("alarmhub.device.connections.open").gauge().value()).isZero();
    }

    @Test
    void readingStopsWhileTooManyRepliesWait() {
        events.answer(Answer.HOLD);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < JovisionHandler.MAX_PENDING; i++) {
            lines.append(Seed000.ALARM).append("\r\n");
        }
        send(lines.toString());
        assertThat(channel.config().isAutoRead()).isFalse();
        events.complete(0);
        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(replies()).containsExactly(Seed000.ALARM_REPLY);
    }

    private void send(String text) {
        write(channel, text);
    }

    private static void write(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private List<String> replies() {
        return replies(channel);
    }

    /** Reply lines written so far, each checked to end with CRLF. */
    private static List<String> replies(EmbeddedChannel ch) {
        StringBuilder all = new StringBuilder();
        for (ByteBuf buf = ch.readOutbound(); buf != null; buf = ch.readOutbound()) {
            all.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        List<String> lines = new ArrayList<>();
        for (String line : all.toString().split("(?<=\r\n)")) {
            if (!line.isEmpty()) {
                assertThat(line).endsWith("\r\n");
                lines.add(line.substring(0, line.length() - 2));
            }
        }
        return lines;
    }

    private double count(String name, String key, String value) {
        return registry.get(name).tag("vendor", "jovision").tag(key, value).counter().count();
    }
}
