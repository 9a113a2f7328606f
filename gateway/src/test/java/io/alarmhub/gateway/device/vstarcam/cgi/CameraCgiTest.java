package io.alarmhub.gateway.device.vstarcam.cgi;

import io.alarmhub.gateway.device.vstarcam.VStarcamSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CGI client against a fake camera on loopback. */
@Timeout(60)
class CameraCgiTest {

    private FakeCamera camera;

    @BeforeEach
    void start() throws Exception {
        camera = new FakeCamera("admin", "s3cret&=+");
    }

    @AfterEach
    void stop() {
        camera.close();
    }

    @Test
    void readsThePushSettings() throws Exception {
        PushConfig config = new CameraCgi(camera.uri(), "admin", "s3cret&=+").get();

        assertThat(config).isEqualTo(new PushConfig(30, "http://cloud.example/heartbeat", "http://cloud.example/push",
                ""));
    }

    @Test
    void toleratesPlainAndOneLineAnswers() throws Exception {
        camera.style = FakeCamera.Style.PLAIN;
        assertThat(new CameraCgi(camera.uri(), "admin", "s3cret&=+").get().heartbeatServer())
                .isEqualTo("http://cloud.example/heartbeat");
        camera.style = FakeCamera.Style.ONE_LINE;
        assertThat(new CameraCgi(URI.create(camera.uri() + "/"), "admin", "s3cret&=+").get().alarmPushMainServer())
                .isEqualTo("http://cloud.example/push");
    }

    @Test
    void pointsTheCameraAtAlarmhub() throws Exception {
        CameraCgi cgi = new CameraCgi(camera.uri(), "admin", "s3cret&=+");
        PushConfig wanted = PushConfig.pointingAt(URI.create("http://192.168.1.10:9920/"), 60,
                VStarcamSettings.DEFAULT);

        cgi.set(wanted);

        assertThat(wanted).isEqualTo(new PushConfig(60, "http://192.168.1.10:9920/vstarcam/heartbeat",
                "http://192.168.1.10:9920/vstarcam/alarm", "http://192.168.1.10:9920/vstarcam/alarm"));
        assertThat(camera.sets).singleElement().isEqualTo(Map.of(
                "heartbeatTime", "60",
                "heartbeatServer", "http://192.168.1.10:9920/vstarcam/heartbeat",
                "alarmPushMainServer", "http://192.168.1.10:9920/vstarcam/alarm",
                "alarmPushSubServer", "http://192.168.1.10:9920/vstarcam/alarm"));
        // Parameter names without the document's stray spaces, values URL-encoded, login last.
        assertThat(camera.setQueries.get(0)).isEqualTo("heartbeatTime=60"
                + "&heartbeatServer=http%3A%2F%2F192.168.1.10%3A9920%2Fvstarcam%2Fheartbeat"
                + "&alarmPushMainServer=http%3A%2F%2F192.168.1.10%3A9920%2Fvstarcam%2Falarm"
                + "&alarmPushSubServer=http%3A%2F%2F192.168.1.10%3A9920%2Fvstarcam%2Falarm"
                + "&loginuse=admin&loginpas=s3cret%26%3D%2B");
        assertThat(cgi.get()).isEqualTo(wanted);
    }

    @Test
    void failuresSayWhatWentWrongWithoutThePassword() throws Exception {
        assertThatThrownBy(() -> new CameraCgi(camera.uri(), "admin", "wrong").get())
                .isInstanceOf(CameraCgiException.class)
                .hasMessage("the camera refused get_alarm_push_cfg.cgi: result=Auth Failed (check the user and password)");

        CameraCgi cgi = new CameraCgi(camera.uri(), "admin", "s3cret&=+");
        camera.setFailure = "var result=\"-1\";";
        assertThatThrownBy(() -> cgi.set(new PushConfig(60, "a", "b", "c")))
                .hasMessage("the camera refused set_alarm_push_cfg.cgi: result=-1");
        camera.setFailure = "Error: bad parameter";
        assertThatThrownBy(() -> cgi.set(new PushConfig(60, "a", "b", "c")))
                .hasMessage("the camera refused set_alarm_push_cfg.cgi: Error: bad parameter");
        camera.status = 500;
        assertThatThrownBy(cgi::get)
                .hasMessage("the camera answered get_alarm_push_cfg.cgi with HTTP 500: <html><body>Unavailable</body></html>");

        URI closed = camera.uri();
        camera.close();
        assertThatThrownBy(() -> new CameraCgi(closed, "admin", "s3cret&=+").get())
                .isInstanceOf(CameraCgiException.class)
                .hasMessageStartingWith("cannot connect to the camera at http://127.0.0.1:")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aCameraWithoutPushSettingsIsNamedSo() throws Exception {
        camera.config.remove("alarmPushSubServer");
        camera.config.remove("heartbeatServer");

        assertThatThrownBy(() -> new CameraCgi(camera.uri(), "admin", "s3cret&=+").get())
                .hasMessage("the camera's get_alarm_push_cfg.cgi answer lacks heartbeatServer, alarmPushSubServer"
                        + " (a firmware without alarm push?)");
    }

    @Test
    void parsesCgiText() {
        CgiText text = CgiText.parse("var a=1;\r\nvar b=\"x;y\"; var c='z'\nd = plain value\n<html>\nvar e=;");

        assertThat(text.values()).containsExactly(Map.entry("a", "1"), Map.entry("b", "x;y"), Map.entry("c", "z"),
                Map.entry("d", "plain value"), Map.entry("e", ""));
        assertThat(text.other()).isEqualTo(List.of("<html>"));
    }

    @Test
    void refusesAddressesItCannotUse() {
        assertThatThrownBy(() -> new CameraCgi(URI.create("ftp://cam"), "admin", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PushConfig.pointingAt(URI.create("192.168.1.10:9920"), 60, VStarcamSettings.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
