package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Alarm;
import io.alarmhub.gateway.device.jovision.JovisionMessage.CloudAlarm;
import io.alarmhub.gateway.device.jovision.JovisionMessage.FtpAlarm;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Malformed;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Malformed.Kind;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Stage;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JovisionMessageTest {

    @Test
    void theCloudSeeExampleIsAnAlarmWithItsFields() {
        Alarm alarm = (Alarm) JovisionMessage.parse(Seed000.ALARM);
        assertThat(alarm.type()).isEqualTo(2219);
        assertThat(alarm.device()).isEqualTo(new DeviceId("jovision", "S35084741"));
        assertThat(alarm.fields()).isEqualTo(new JovisionMessage.AlarmFields(Optional.of(1411626360L), 1,
                Optional.of("9"), Optional.empty(), Optional.of("HD_IPC"), Optional.of("100634.jpg"),
                Optional.of("100634.mp4")));
        assertThat(alarm.raw()).isEqualTo(Seed000.ALARM);
        assertThat(alarm.reply().json(0)).hasToString(Seed000.ALARM_REPLY);
    }

    @Test
    void avdIsTheVideoAndWinsOverAvideo() {
        Alarm alarm = (Alarm) JovisionMessage.parse("{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":5,"
                + "\"dguid\":\"A1\",\"avd\":\"a.mp4\",\"avideo\":\"b.mp4\",\"aguid\":\"0123\"}");
        assertThat(alarm.fields().video()).contains("a.mp4");
        assertThat(alarm.fields().aguid()).contains("0123");
        assertThat(alarm.fields().ats()).isEmpty();
        assertThat(alarm.fields().channel()).isZero();
        assertThat(alarm.reply().json(0)).hasToString("{\"mt\":2220,\"rt\":0,\"mid\":5,\"dguid\":\"A1\"}");
    }

    @Test
    void theFtpExamplesAreTheThreeStagesOfOneAlarm() {
        FtpAlarm text = (FtpAlarm) JovisionMessage.parse(Seed000.FTP_TEXT);
        FtpAlarm picture = (FtpAlarm) JovisionMessage.parse(Seed000.FTP_PICTURE);
        FtpAlarm video = (FtpAlarm) JovisionMessage.parse(Seed000.FTP_VIDEO);
        assertThat(text.amt()).isEqualTo(Stage.TEXT);
        assertThat(picture.amt()).isEqualTo(Stage.PICTURE_UPLOADED);
        assertThat(video.amt()).isEqualTo(Stage.VIDEO_UPLOADED);
        assertThat(text.ref()).isEqualTo("S35084741:1411626387");
        assertThat(picture.ref()).isEqualTo(text.ref());
        assertThat(video.ref()).isEqualTo(text.ref());
        assertThat(text.fields().atype()).contains("9");
        assertThat(text.reply().json(0)).hasToString(Seed000.FTP_TEXT_REPLY);
        assertThat(picture.reply().json(0)).hasToString(Seed000.FTP_PICTURE_REPLY);
        // The document prints mid 101 for this reply: an error in the document; the reply echoes 102.
        assertThat(video.reply().json(0)).hasToString(Seed000.FTP_VIDEO_REPLY)
                .doesNotHaveToString(Seed000.FTP_VIDEO_REPLY_AS_PRINTED);
    }

    @Test
    void theCloudSchemeHasTheFtpShapeWithItsOwnTypes() {
        CloudAlarm cloud = (CloudAlarm) JovisionMessage.parse(Seed000.FTP_PICTURE.replace("2221", "2223"));
        assertThat(cloud.amt()).isEqualTo(Stage.PICTURE_UPLOADED);
        assertThat(cloud.reply().json(0)).hasToString(Seed000.FTP_PICTURE_REPLY.replace("2222", "2224"));
    }

    @Test
    void onlineHeartbeatAndOfflineEchoMidAndDguidWithoutAts() {
        assertThat(JovisionMessage.parse(Seed000.ONLINE)).isInstanceOf(JovisionMessage.Online.class);
        assertThat(((JovisionMessage.Online) JovisionMessage.parse(Seed000.ONLINE)).name()).contains("HD_IPC");
        assertThat(request(Seed000.ONLINE).reply().json(0)).hasToString(Seed000.ONLINE_REPLY);
        assertThat(request(Seed000.HEARTBEAT).reply().json(0)).hasToString(Seed000.HEARTBEAT_REPLY);
        assertThat(request(Seed000.OFFLINE).reply().json(0)).hasToString(Seed000.OFFLINE_REPLY);
        assertThat(request(Seed000.HEARTBEAT.replace("}", ",\"ats\":5}")).reply().json(0))
                .hasToString(Seed000.HEARTBEAT_REPLY);
    }

    @Test
    void missingLptOrPvIsAnsweredMinusTenWithTheReplyTypeAndEchoes() {
        Malformed noLpt = (Malformed) JovisionMessage.parse(Seed000.FTP_TEXT.replace("\"lpt\":9,", ""));
        assertThat(noLpt.kind()).isEqualTo(Kind.INVALID);
        assertThat(noLpt.reason()).isEqualTo("no lpt");
        assertThat(noLpt.reply().orElseThrow().json(-10))
                .hasToString("{\"mt\":2222,\"rt\":-10,\"mid\":100,\"dguid\":\"S35084741\",\"ats\":1411626387}");
        Malformed noPv = (Malformed) JovisionMessage.parse(Seed000.ONLINE.replace("\"pv\":\"1.0\",", ""));
        assertThat(noPv.reason()).isEqualTo("no pv");
        assertThat(noPv.reply().orElseThrow().json(-10))
                .hasToString("{\"mt\":2202,\"rt\":-10,\"mid\":1,\"dguid\":\"S35084741\"}");
    }

    @Test
    void wrongOrMissingFieldsAreInvalidButAnswerable() {
        assertThat(reason(Seed000.FTP_PICTURE.replace(",\"ats\":1411626387", ""))).isEqualTo("no ats");
        assertThat(reason(Seed000.FTP_PICTURE.replace("\"amt\":1", "\"amt\":3"))).isEqualTo("amt is not 0, 1 or 2");
        assertThat(reason(Seed000.FTP_PICTURE.replace("\"amt\":1,", ""))).isEqualTo("no amt");
        assertThat(reason(Seed000.ALARM.replace("\"ats\":1411626360", "\"ats\":\"soon\"")))
                .isEqualTo("ats is not an integer");
        assertThat(reason(Seed000.ALARM.replace("\"dcn\":1", "\"dcn\":[1]"))).isEqualTo("dcn is not an integer");
        assertThat(reason(Seed000.HEARTBEAT.replace(",\"dguid\":\"S35084741\"", ""))).isEqualTo("no dguid");
        assertThat(reason(Seed000.HEARTBEAT.replace("\"S35084741\"", "42")))
                .isEqualTo("dguid is not a CloudSEE number");
        assertThat(reason(Seed000.ALARM.replace("\"HD_IPC\"", "{}"))).isEqualTo("dname is not text");
        Malformed badMid = (Malformed) JovisionMessage.parse(Seed000.HEARTBEAT.replace("\"mid\":2", "\"mid\":\"2\""));
        assertThat(badMid.reason()).isEqualTo("mid is not an integer");
        assertThat(badMid.reply().orElseThrow().json(-10))
                .hasToString("{\"mt\":2204,\"rt\":-10,\"mid\":\"2\",\"dguid\":\"S35084741\"}");
    }

    @Test
    void anUnknownTypeIsAnsweredWithItsTypePlusOne() {
        Malformed unknown = (Malformed) JovisionMessage.parse("{\"mt\":3001,\"mid\":7,\"dguid\":\"S1\"}");
        assertThat(unknown.kind()).isEqualTo(Kind.UNKNOWN_TYPE);
        assertThat(unknown.reply().orElseThrow().json(-10))
                .hasToString("{\"mt\":3002,\"rt\":-10,\"mid\":7,\"dguid\":\"S1\"}");
    }

    @Test
    void withoutMtOrMidOrJsonNoReplyCanBeAddressed() {
        assertUnanswerable("{\"lpt\":9,\"mid\":1,\"dguid\":\"S1\"}", Kind.INVALID, "no mt");
        assertUnanswerable("{\"mt\":2203,\"lpt\":9,\"dguid\":\"S1\"}", Kind.INVALID, "no mid");
        assertUnanswerable("{\"mt\":\"2203\",\"mid\":1}", Kind.INVALID, "mt is not an integer");
        assertUnanswerable("{\"mt\":2203,\"mid\":{}}", Kind.INVALID, "mid is not an integer");
        assertUnanswerable("[2203]", Kind.INVALID, "not a JSON object");
        assertUnanswerable("hello", Kind.NOT_JSON, "malformed JSON at column 1"); // where the bad token starts
        assertUnanswerable("{\"mt\":2203,\"mid\":1}{\"mt\":2203,\"mid\":2}", Kind.NOT_JSON,
                "malformed JSON at column 20");
        assertUnanswerable("{\"mt\":2203,", Kind.NOT_JSON, "malformed JSON at column 12");
    }

    private static JovisionMessage.Request request(String line) {
        return (JovisionMessage.Request) JovisionMessage.parse(line);
    }

    private static String reason(String line) {
        Malformed malformed = (Malformed) JovisionMessage.parse(line);
        assertThat(malformed.reply()).isPresent();
        return malformed.reason();
    }

    private static void assertUnanswerable(String line, Kind kind, String reason) {
        Malformed malformed = (Malformed) JovisionMessage.parse(line);
        assertThat(malformed.kind()).as(line).isEqualTo(kind);
        assertThat(malformed.reason()).as(line).isEqualTo(reason);
        assertThat(malformed.reply()).as(line).isEmpty();
    }
}
