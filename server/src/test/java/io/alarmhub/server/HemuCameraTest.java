package io.alarmhub.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.tls.SelfSigned;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HemuCamera against a stand-in OpenAPI that checks the document's rules with code of its own. */
@Timeout(60)
class HemuCameraTest {

    static final String KEY = "3rdx01";
    static final String SECRET = "XgijVJq7elp94Ax3cKvq";
    static final String MODEL = "3rdx01_C20";
    static final String MOBILE = "13800138000";
    static final String USER_TOKEN = "user-token-7d0e2b";

    private static final String IDS = "\"deviceMacAddress\":\"AA:BB:CC:DD:EE:FF\",\"deviceId\":\"CAM0001\"";
    private static final String TOKEN = ",\"deviceToken\":\"" + FakeHemuApi.DEVICE_TOKEN + "\"";
    private static final List<String> FLOW = List.of("MSG_P_THD_ADD_CAMERA_REQ", "MSG_P_THD_SET_CAMERA_CAPACITY_REQ",
            "MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ", "MSG_P_THD_GET_CAMERA_SETTINGS_REQ", "MSG_P_THD_SET_CAMERA_INFO_REQ",
            "MSG_P_THD_SET_CAMERA_SETTINGS_REQ");

    @TempDir
    Path dir;

    private FakeHemuApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeHemuApi(dir, KEY, SECRET);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theSignatureIsTheDocumentsExample() {
        assertThat(HemuAuth.signature("ADtuchbM8TBPhQdSi8U4", "5e2abe86-6aa", "{a:1,b:2,c:3}"))
                .isEqualTo("1661d0fa85d325c27030af5783f63998");
    }

    @Test
    void theDigestNonceAndCreatedAreTheDocumentsForms() {
        assertThat(HemuAuth.passwordDigest("ABCDEFGH12345678", "2017-01-01T15:00:00+08:00", SECRET))
                .isEqualTo(FakeHemuApi.base64(FakeHemuApi.sha1("ABCDEFGH123456782017-01-01T15:00:00+08:00" + SECRET)));
        Random random = new Random(1);
        List<String> nonces = IntStream.range(0, 50).mapToObj(i -> HemuAuth.nonce(random)).toList();
        assertThat(nonces).allMatch(n -> n.matches("[A-Z0-9]{16}")).doesNotHaveDuplicates();
        assertThat(HemuAuth.created(Instant.parse("2017-01-01T07:00:00.750Z"), ZoneOffset.ofHours(8)))
                .isEqualTo("2017-01-01T15:00:00+08:00");
        assertThat(HemuAuth.created(Instant.parse("2017-01-01T07:00:00Z"), ZoneOffset.UTC))
                .isEqualTo("2017-01-01T07:00:00+00:00");
    }

    @Test
    void readsTheServerTimeInRfc3339AndInTheUsualHttpForm() {
        Instant at = Instant.parse("2017-01-01T07:00:00Z");
        assertThat(HemuAuth.serverTime("2017-01-01T15:00:00+08:00")).contains(at);
        assertThat(HemuAuth.serverTime("2017-01-01T07:00:00Z")).contains(at);
        assertThat(HemuAuth.serverTime("2017-01-01T15:00:00.000+08:00")).contains(at);
        assertThat(HemuAuth.serverTime("Sun, 01 Jan 2017 07:00:00 GMT")).contains(at);
        assertThat(HemuAuth.serverTime("yesterday")).isEmpty();
    }

    @Test
    void walksTheSixStepsInOrderSignedAndOverTls12() throws Exception {
        List<HemuCamera.Answer> seen = new ArrayList<>();

        HemuCamera.Walk walk = camera().build().walk(MOBILE, USER_TOKEN, seen::add);

        assertThat(api.problems).isEmpty();
        assertThat(walk.outcome()).isEqualTo(HemuCamera.Walk.Outcome.COMPLETE);
        assertThat(walk.complete()).isTrue();
        assertThat(walk.failure()).isEmpty();
        assertThat(walk.answers()).hasSize(6).isEqualTo(seen).allMatch(HemuCamera.Answer::ok);
        assertThat(walk.deviceToken()).contains(FakeHemuApi.DEVICE_TOKEN);
        assertThat(walk.unifiedId()).contains(FakeHemuApi.UNIFIED_ID);
        assertThat(walk.serverAddr()).contains(FakeHemuApi.HEDGW_ADDR);
        assertThat(walk.serverPort()).contains(FakeHemuApi.HEDGW_PORT);
        assertThat(walk.answers().get(3).body().path("camRW").path("status").asText()).isEqualTo("On");

        assertThat(api.msgTypes()).isEqualTo(FLOW);
        assertThat(api.requests.stream().map(r -> r.form().get("jsonObject")).toList()).containsExactly(
                "{\"msgType\":\"MSG_P_THD_ADD_CAMERA_REQ\",\"userMobile\":\"13800138000\",\"userToken\":\"" + USER_TOKEN
                        + "\"," + IDS + ",\"deviceModelId\":\"3rdx01_C20\",\"comment\":\"['HW':'3RD-X01','FEATURE':17]\","
                        + "\"registMode\":\"0\"}",
                "{\"msgType\":\"MSG_P_THD_SET_CAMERA_CAPACITY_REQ\"," + IDS + TOKEN + ",\"supportKey\":{\"motionRegion\":1,"
                        + "\"duplexAudioTalk\":1,\"faceDetect\":0,\"personStatistic\":0,\"sdcard\":1,\"eventRecord\":1,"
                        + "\"binoCam\":0,\"motionTrack\":0,\"peopleDetection\":1,\"ptzPano\":0}}",
                "{\"msgType\":\"MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ\"," + IDS + TOKEN + "}",
                "{\"msgType\":\"MSG_P_THD_GET_CAMERA_SETTINGS_REQ\"," + IDS + TOKEN + "}",
                "{\"msgType\":\"MSG_P_THD_SET_CAMERA_INFO_REQ\"," + IDS + ",\"deviceModelId\":\"3rdx01_C20\","
                        + "\"firmwareVersion\":\"1.2.300\",\"cameraAppVersion\":\"2.15.200\"" + TOKEN + "}",
                "{\"msgType\":\"MSG_P_THD_SET_CAMERA_SETTINGS_REQ\"," + IDS + TOKEN
                        + ",\"camParam\":{\"status\":\"On\",\"sdcardStatus\":3,\"wifiSSID\":\"home\"}}");

        FakeHemuApi.Request first = api.requests.get(0);
        String jsonObject = first.form().get("jsonObject");
        assertThat(first.body()).isEqualTo("accessKey=3rdx01&signature="
                + HexFormat.of().formatHex(FakeHemuApi.md5(SECRET + "accessKey=3rdx01jsonObject=" + jsonObject))
                + "&jsonObject=" + URLEncoder.encode(jsonObject, StandardCharsets.UTF_8));
        for (FakeHemuApi.Request request : api.requests) {
            assertThat(request.protocol()).isEqualTo("TLSv1.2");
            assertThat(request.contentType()).isEqualTo("application/x-www-form-urlencoded");
            assertThat(request.authorization()).isEqualTo("WSSE profile=\"UsernamePwd\"");
            assertThat(request.wsse()).startsWith("UsernamePwd Username=\"3rdx01-CAM0001\", PasswordDigest=\"");
            assertThat(Duration.between(OffsetDateTime.parse(request.created()).toInstant(), Instant.now()).abs())
                    .isLessThan(Duration.ofMinutes(1));
        }
        assertThat(api.requests.stream().map(FakeHemuApi.Request::nonce).distinct()).hasSize(6);
    }

    @Test
    void theStepsAreSeparateCallsAndKeepTheDeviceToken() throws Exception {
        HemuCamera camera = camera().build();
        assertThat(camera.deviceToken()).isEmpty();
        assertThatThrownBy(camera::reportCapacity).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not registered");

        assertThat(camera.register(MOBILE, USER_TOKEN).ok()).isTrue();
        assertThat(camera.deviceToken()).contains(FakeHemuApi.DEVICE_TOKEN);
        assertThat(camera.channelAddress().text("serverAddr")).contains(FakeHemuApi.HEDGW_ADDR);
        assertThat(camera.reportSettings("Off", 1, "office").ok()).isTrue();
        assertThat(camera.bindInfo().text("userMobile")).contains("13900139000");
        assertThat(camera.send("{\"msgType\":\"MSG_P_THD_SOMETHING_REQ\",\"deviceId\":\"CAM0001\"}").msgType())
                .isEqualTo("MSG_P_THD_SOMETHING_RSP");

        assertThat(api.problems).isEmpty();
        assertThat(api.requests.get(2).form().get("jsonObject"))
                .endsWith(",\"camParam\":{\"status\":\"Off\",\"sdcardStatus\":1,\"wifiSSID\":\"office\"}}");
        assertThat(api.requests.get(3).form().get("jsonObject"))
                .isEqualTo("{\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ\"," + IDS + "}");
    }

    @Test
    void stopsAtTheFirstAnswerThatIsNotZero() throws Exception {
        api.script("MSG_P_THD_SET_CAMERA_CAPACITY_REQ", 200,
                "{\"errorCode\":\"20003\",\"description\":\"unknown model\",\"msgType\":\"MSG_P_THD_SET_CAMERA_CAPACITY_RSP\"}");

        HemuCamera.Walk walk = camera().build().walk(MOBILE, USER_TOKEN);

        assertThat(walk.outcome()).isEqualTo(HemuCamera.Walk.Outcome.FAILED);
        assertThat(walk.answers()).hasSize(2);
        assertThat(walk.failure()).hasValueSatisfying(failed -> {
            assertThat(failed.errorCode()).isEqualTo("20003");
            assertThat(failed.description()).isEqualTo("unknown model");
        });
        assertThat(walk.deviceToken()).contains(FakeHemuApi.DEVICE_TOKEN);
        assertThat(walk.serverAddr()).isEmpty();
        assertThat(api.msgTypes()).isEqualTo(FLOW.subList(0, 2));
    }

    @Test
    void aRegistrationWithoutADeviceTokenEndsTheWalk() throws Exception {
        api.script("MSG_P_THD_ADD_CAMERA_REQ", 200, "{\"errorCode\":\"0\",\"msgType\":\"MSG_P_THD_ADD_CAMERA_RSP\"}");

        HemuCamera.Walk walk = camera().build().walk(MOBILE, USER_TOKEN);

        assertThat(walk.outcome()).isEqualTo(HemuCamera.Walk.Outcome.FAILED);
        assertThat(walk.answers()).hasSize(1);
        assertThat(api.requests).hasSize(1);
    }

    @Test
    void on401TakesTheClockFromTheDateHeaderAndTriesOnceMoreWithANewNonce() throws Exception {
        // Seven years behind: the stand-in answers 401, whose Date (set by the JDK server) carries its clock.
        Clock behind = Clock.fixed(Instant.parse("2017-01-01T07:00:00Z"), ZoneId.of("Asia/Shanghai"));

        HemuCamera.Walk walk = camera().clock(behind).build().walk(MOBILE, USER_TOKEN);

        assertThat(api.problems).isEmpty();
        assertThat(walk.complete()).as(walk.toString()).isTrue();
        assertThat(api.msgTypes()).as("only the first request was refused")
                .isEqualTo(List.of(FLOW.get(0), FLOW.get(0), FLOW.get(1), FLOW.get(2), FLOW.get(3), FLOW.get(4), FLOW.get(5)));
        FakeHemuApi.Request refused = api.requests.get(0);
        FakeHemuApi.Request retried = api.requests.get(1);
        assertThat(refused.created()).isEqualTo("2017-01-01T15:00:00+08:00");
        assertThat(retried.nonce()).isNotEqualTo(refused.nonce());
        assertThat(retried.form()).isEqualTo(refused.form());
        assertThat(retried.created()).endsWith("+08:00");
        for (FakeHemuApi.Request request : api.requests.subList(1, api.requests.size())) {
            assertThat(Duration.between(OffsetDateTime.parse(request.created()).toInstant(), Instant.now()).abs())
                    .isLessThan(Duration.ofMinutes(1));
        }
    }

    @Test
    void triesOnlyOnceMoreAfterA401() throws Exception {
        String refusal = "{\"errorCode\":\"401\",\"description\":\"bad digest\"}";
        api.script("MSG_P_THD_ADD_CAMERA_REQ", 401, refusal);
        api.script("MSG_P_THD_ADD_CAMERA_REQ", 401, refusal);

        HemuCamera.Walk walk = camera().build().walk(MOBILE, USER_TOKEN);

        assertThat(api.requests).hasSize(2);
        assertThat(walk.outcome()).isEqualTo(HemuCamera.Walk.Outcome.FAILED);
        assertThat(walk.failure()).hasValueSatisfying(failed -> {
            assertThat(failed.httpStatus()).isEqualTo(401);
            assertThat(failed.errorCode()).isEqualTo("401");
            assertThat(failed.msgType()).isEmpty();
        });
    }

    @Test
    void aWiredCameraPollsTheBindInfoUntilAUserHasBoundIt() throws Exception {
        String unbound = "{\"errorCode\":\"0\",\"description\":\"\",\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_RSP\","
                + "\"userMobile\":\"\",\"userToken\":\"\"}";
        api.script("MSG_P_THD_GET_CAMERA_BIND_INFO_REQ", 200, unbound);
        api.script("MSG_P_THD_GET_CAMERA_BIND_INFO_REQ", 200, unbound);
        TestClock clock = new TestClock(Instant.now());
        List<Duration> pauses = new ArrayList<>();

        HemuCamera.Walk walk = camera().clock(clock).pause(pause -> {
            pauses.add(pause);
            clock.advance(pause);
        }).build().walkWired(Duration.ofSeconds(10), Duration.ofMinutes(5), answer -> { });

        assertThat(api.problems).isEmpty();
        assertThat(walk.complete()).as(walk.toString()).isTrue();
        assertThat(pauses).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
        List<String> expected = new ArrayList<>(List.of("MSG_P_THD_GET_CAMERA_BIND_INFO_REQ",
                "MSG_P_THD_GET_CAMERA_BIND_INFO_REQ", "MSG_P_THD_GET_CAMERA_BIND_INFO_REQ"));
        expected.addAll(FLOW);
        assertThat(api.msgTypes()).isEqualTo(expected);
        assertThat(walk.answers()).hasSize(9);
        assertThat(walk.deviceToken()).contains(FakeHemuApi.DEVICE_TOKEN);
        assertThat(walk.serverPort()).contains(FakeHemuApi.HEDGW_PORT);
        assertThat(api.requests.get(3).json().path("userMobile").asText()).isEqualTo("13900139000");
        assertThat(api.requests.get(3).json().path("userToken").asText()).isEqualTo("wired-user-token");
    }

    @Test
    void aWiredCameraGivesUpAfterTheWait() throws Exception {
        for (int i = 0; i < 10; i++) {
            api.script("MSG_P_THD_GET_CAMERA_BIND_INFO_REQ", 200,
                    "{\"errorCode\":\"0\",\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_RSP\"}");
        }
        TestClock clock = new TestClock(Instant.now());

        HemuCamera.Walk walk = camera().clock(clock).pause(clock::advance).build()
                .walkWired(Duration.ofSeconds(10), Duration.ofSeconds(30), answer -> { });

        assertThat(walk.outcome()).isEqualTo(HemuCamera.Walk.Outcome.NOT_BOUND);
        assertThat(walk.failure()).isEmpty();
        assertThat(api.requests).as("polls at 0, 10, 20 and 30 s").hasSize(4);
        assertThatThrownBy(() -> camera().build().walkWired(Duration.ofSeconds(9), Duration.ofMinutes(1), answer -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAServerThatSpeaksOnlyTls13() throws Exception {
        try (FakeHemuApi tls13 = new FakeHemuApi(Files.createDirectory(dir.resolve("tls13")), KEY, SECRET,
                new String[]{"TLSv1.3"})) {
            HemuCamera camera = camera().api(tls13.api()).trust(tls13.certificate()).build();

            assertThatThrownBy(() -> camera.register(MOBILE, USER_TOKEN)).isInstanceOf(IOException.class);
            assertThat(tls13.requests).isEmpty();
        }
    }

    @Test
    void refusesACertificateItWasNotToldToTrust() throws Exception {
        Path other = dir.resolve("other.crt");
        SelfSigned.generate(List.of()).write(other, dir.resolve("other.key"));

        HemuCamera camera = camera().trust(other).build();

        assertThatThrownBy(() -> camera.register(MOBILE, USER_TOKEN)).isInstanceOf(SSLHandshakeException.class);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void anAnswerThatIsNotJsonIsKeptAsText() throws Exception {
        api.script("MSG_P_THD_ADD_CAMERA_REQ", 502, "<html>Bad gateway</html>");

        HemuCamera.Answer answer = camera().build().register(MOBILE, USER_TOKEN);

        assertThat(answer.httpStatus()).isEqualTo(502);
        assertThat(answer.ok()).isFalse();
        assertThat(answer.errorCode()).isEmpty();
        assertThat(answer.body().asText()).isEqualTo("<html>Bad gateway</html>");
    }

    @Test
    void tokensAreMaskedWhereverAnAnswerOrAWalkIsPrinted() throws Exception {
        HemuCamera.Walk walk = camera().build().walk(MOBILE, USER_TOKEN);
        HemuCamera.Answer bind = HemuCamera.Answer.of(200, new ObjectMapper().writeValueAsString(
                new ObjectMapper().createObjectNode().put("userToken", "wired-user-token").put("errorCode", "0")));

        assertThat(walk.toString()).doesNotContain(FakeHemuApi.DEVICE_TOKEN).contains("dt-5…", FakeHemuApi.UNIFIED_ID);
        assertThat(walk.answers().get(0).toString()).doesNotContain(FakeHemuApi.DEVICE_TOKEN);
        assertThat(bind.toString()).doesNotContain("wired-user-token").contains("wire…");
        assertThat(bind.body().path("userToken").asText()).as("the body itself is whole").isEqualTo("wired-user-token");
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        assertThatThrownBy(() -> camera().api(URI.create("http://127.0.0.1:8443")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> HemuCamera.builder().api(api.api()).trust(api.certificate()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accessKey");
        assertThatThrownBy(() -> camera().accessSecret(" ").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accessSecret");
    }

    private HemuCamera.Builder camera() {
        return HemuCamera.builder().api(api.api()).trust(api.certificate()).accessKey(KEY).accessSecret(SECRET)
                .deviceId("CAM0001").mac("AA:BB:CC:DD:EE:FF").model(MODEL);
    }

    /** A clock that moves only when told, so that waiting costs no time. */
    static final class TestClock extends Clock {

        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.ofHours(8);
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
