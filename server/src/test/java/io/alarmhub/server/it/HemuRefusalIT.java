package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.server.HemuAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static io.alarmhub.server.it.HemuFixture.DEVICE;
import static io.alarmhub.server.it.HemuFixture.MAC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the Hemu OpenAPI, one request each, against one packaged server: section 2's 401s, the
 * codes of Appendix C, the limits, and clients that do not speak TLS 1.2 or newer.
 */
class HemuRefusalIT {

    private static final String BIND_INFO = "{\"msgType\":\"MSG_P_THD_GET_CAMERA_BIND_INFO_REQ\",\"deviceMacAddress\":\""
            + MAC + "\",\"deviceId\":\"" + DEVICE + "\"}";

    @TempDir
    static Path dir;
    private static ServerProcess server;
    private static OpenApiClient acme;

    @BeforeAll
    static void start() throws Exception {
        server = HemuFixture.server(dir).start();
        acme = HemuFixture.acme(server);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void assertWsseRefusal(OpenApiClient.Answer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.authenticate()).isEqualTo("WSSE realm=\"authcenter\", profile=\"UsernamePwd\"");
        // RFC 3339, by which the camera sets its clock, within a minute of ours.
        assertThat(Duration.between(OffsetDateTime.parse(answer.date()).toInstant(), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aCreatedMoreThanFiveMinutesFromTheServersClockIsRefusedEitherSide() throws Exception {
        for (Duration skew : new Duration[] {Duration.ofMinutes(-6), Duration.ofMinutes(6)}) {
            OpenApiClient.Wsse wsse = acme.wsse(DEVICE, Instant.now().plus(skew));
            assertWsseRefusal(acme.send(wsse, form(BIND_INFO)));
        }
        assertThat(acme.send(acme.wsse(DEVICE, Instant.now().minus(Duration.ofMinutes(4))), form(BIND_INFO))
                .errorCode()).as("four minutes is within the window").isEqualTo("0");
    }

    @Test
    void aNonceIsUsedOnce() throws Exception {
        OpenApiClient.Wsse wsse = acme.wsse(DEVICE, Instant.now());
        assertThat(acme.send(wsse, form(BIND_INFO)).errorCode()).isEqualTo("0");
        assertWsseRefusal(acme.send(wsse, form(BIND_INFO)));
    }

    @Test
    void aWrongDigestAnUnknownKeyAndNoHeaderAreRefused() throws Exception {
        OpenApiClient.Wsse right = acme.wsse(DEVICE, Instant.now());
        assertWsseRefusal(acme.send(new OpenApiClient.Wsse(right.username(), right.nonce(), right.created(),
                HemuAuth.passwordDigest(right.nonce(), right.created(), "not the secret")), form(BIND_INFO)));
        OpenApiClient stranger = new OpenApiClient(HemuFixture.port(server), HemuFixture.certificate(server),
                "stranger", HemuFixture.ACME_SECRET);
        assertWsseRefusal(stranger.send(BIND_INFO));
        String noHeader = curl("-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                HemuFixture.certificate(server).toString(), "--data-binary", form(BIND_INFO), url());
        assertThat(noHeader).isEqualTo("401");
    }

    @Test
    void aUsernameThatIsNotTheBodysKeyAndDeviceIsRefused() throws Exception {
        OpenApiClient.Wsse otherDevice = acme.wsse("110234567890000", Instant.now());
        assertWsseRefusal(acme.send(otherDevice, form(BIND_INFO)));
        OpenApiClient zhejiang = new OpenApiClient(HemuFixture.port(server), HemuFixture.certificate(server),
                "Zhejiang", HemuFixture.ZHEJIANG_SECRET);
        // Zhejiang's own valid WSSE, on a body that says it is acme's.
        assertWsseRefusal(zhejiang.send(zhejiang.wsse(DEVICE, Instant.now()), form(BIND_INFO)));
    }

    @Test
    void aWrongSignatureIsWrongCredentials() throws Exception {
        OpenApiClient.Answer answer = acme.send(acme.wsse(DEVICE, Instant.now()),
                OpenApiClient.form("acme", HemuAuth.signature("not the secret", "acme", BIND_INFO), BIND_INFO));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.errorCode()).isEqualTo("10005");
    }

    @Test
    void eachAppendixCCodeForTheRequestThatEarnsIt() throws Exception {
        assertThat(acme.send(acme.wsse(DEVICE, Instant.now()), "accessKey=acme&signature="
                + HemuAuth.signature(HemuFixture.ACME_SECRET, "acme", "") + "&jsonObject=").errorCode())
                .as("empty jsonObject").isEqualTo("20005");
        assertThat(acme.send(acme.wsse(DEVICE, Instant.now()), form("{\"msgType\":")).errorCode())
                .as("not JSON").isEqualTo("21001");
        assertThat(acme.send(add(DEVICE, MAC, "acme_cam1", "")).errorCode()).as("an empty userToken")
                .isEqualTo("20008");
        assertThat(acme.send(acme.wsse("12345", Instant.now()), form(add("12345", MAC, "acme_cam1", "x")))
                .errorCode()).as("a deviceId not of 15 digits").isEqualTo("70004");
        assertThat(acme.send(add(DEVICE, MAC, "acme_cam9", "e10adc3949ba59abbe56e057f20f883e")).errorCode())
                .as("a model acme does not make").isEqualTo("70002");
        assertThat(acme.send(add(DEVICE, MAC, "acme_cam1", "e10adc3949ba59abbe56e057f20f883e")).errorCode())
                .as("a userToken nobody was given").isEqualTo("10005");
        assertThat(acme.send(add(DEVICE, "20:59:a0:74:e0:bc", "acme_cam1", "x")).errorCode())
                .as("a MAC with separators").isEqualTo("400");
        assertThat(acme.send("{\"msgType\":\"MSG_P_THD_REBOOT_REQ\",\"deviceId\":\"" + DEVICE + "\"}").errorCode())
                .as("a message type there is not").isEqualTo("400");
        OpenApiClient.Answer address = acme.send("{\"msgType\":\"MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ\","
                + "\"deviceMacAddress\":\"" + MAC + "\",\"deviceId\":\"" + DEVICE + "\",\"deviceToken\":\"nope\"}");
        assertThat(address.status()).as("5.1.4: a failed request for the HEDGW is a 404").isEqualTo(404);
        assertThat(address.errorCode()).isEqualTo("10005");
        assertThat(address.body().get("msgType").asText()).isEqualTo("MSG_P_THD_GET_CAMERA_CHN_ADDR_RSP");
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        OpenApiClient.Answer answer = acme.send(acme.wsse(DEVICE, Instant.now()), "x".repeat(70_000));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.errorCode()).isEqualTo("400");
    }

    @Test
    void plainHttpToTheHttpsPortGetsAClearRefusal() throws Exception {
        String answer = curl("-sS", "-i", "--data-binary", form(BIND_INFO),
                "http://127.0.0.1:" + HemuFixture.port(server) + "/andmu/v2/service/batch");
        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"errorCode\":\"400\"", "HTTPS");
    }

    @Test
    void aTls11ClientIsRefused() throws Exception {
        // SECLEVEL=0 so that OpenSSL itself offers TLS 1.1: what is refused is the server's choice.
        String output = run(List.of("openssl", "s_client", "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0",
                "-connect", "127.0.0.1:" + HemuFixture.port(server)), "");
        assertThat(output).containsAnyOf("alert protocol version", "no protocols available",
                "unsupported protocol", "wrong version number");
        assertThat(output).as("no session was made").contains("Cipher is (NONE)");
        String tls12 = run(List.of("openssl", "s_client", "-tls1_2", "-connect",
                "127.0.0.1:" + HemuFixture.port(server)), "");
        assertThat(tls12).contains("TLSv1.2");
    }

    @Test
    void theDocumentsRequestExampleByteForByteWithAFreshDigest() throws Exception {
        RestClient rest = new RestClient(server.rest);
        JsonNode grant = HemuFixture.grant(rest, "dora", "13888888888");
        // The document's example (5.1.1 请求示例), with only what must be fresh or true here replaced: the
        // Nonce, Created and PasswordDigest; the accessKey and signature of Zhejiang, whose key its Username
        // names; and a userToken this server gave.
        String json = "{\"deviceMacAddress\":\"000000300002\",\"userToken\":\"" + grant.get("userToken").asText()
                + "\",\"msgType\":\"MSG_P_THD_ADD_CAMERA_REQ\",\"userMobile\":\"13888888888\",\"deviceId\":"
                + "\"110234567894562\",\"comment\":[\"HW':3RD-X01','FEATURE':0\"],\"deviceModelId\":"
                + "\"Zhejiang_zj_cnmobile_001\"}";
        String body = "accessKey=Zhejiang&signature=" + HemuAuth.signature(HemuFixture.ZHEJIANG_SECRET, "Zhejiang",
                json) + "&jsonObject=" + json;
        String nonce = HemuAuth.nonce(new Random());
        String created = HemuAuth.created(Instant.now(), java.time.ZoneOffset.ofHours(8));
        String digest = HemuAuth.passwordDigest(nonce, created, HemuFixture.ZHEJIANG_SECRET);
        Path bodyFile = dir.resolve("example-body");
        Files.writeString(bodyFile, body);
        String answer = curl("-sS", "--cacert", HemuFixture.certificate(server).toString(),
                "-H", "Authorization:WSSE profile=\"UsernamePwd\"",
                "-H", "X-WSSE:UsernamePwd Username=\"Zhejiang-110234567894562\",PasswordDigest=\"" + digest
                        + "\",Nonce=\"" + nonce + "\",Created=\"" + created + "\"",
                "--data-binary", "@" + bodyFile, url());
        JsonNode registered = OpenApiClient.JSON.readTree(answer);
        assertThat(registered.get("errorCode").asText()).as(answer).isEqualTo("0");
        assertThat(registered.get("msgType").asText()).isEqualTo("MSG_P_THD_ADD_CAMERA_RSP");
        assertThat(registered.get("deviceToken").asText()).isNotEmpty();
        assertThat(registered.get("unifiedId").asText()).isNotEmpty();
    }

    private static String add(String deviceId, String mac, String model, String userToken) {
        return "{\"msgType\":\"MSG_P_THD_ADD_CAMERA_REQ\",\"userMobile\":\"13888888888\",\"userToken\":\""
                + userToken + "\",\"deviceMacAddress\":\"" + mac + "\",\"deviceId\":\"" + deviceId
                + "\",\"deviceModelId\":\"" + model + "\",\"comment\":\"['HW':'3RD-X01','FEATURE':17]\","
                + "\"registMode\":\"0\"}";
    }

    private static String form(String json) {
        return OpenApiClient.form("acme", HemuAuth.signature(HemuFixture.ACME_SECRET, "acme", json), json);
    }

    private static String url() {
        return "https://127.0.0.1:" + HemuFixture.port(server) + "/andmu/v2/service/batch";
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--max-time", "30"));
        command.addAll(List.of(args));
        return run(command, null);
    }

    /** Runs a command, feeding it {@code input} (or nothing), and returns what it printed, both streams. */
    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
