package io.alarmhub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated camera's firmware update against stand-ins: a HEDGW before its reboot and one after
 * ({@link FakeHedgw}), the OpenAPI ({@link FakeHemuApi}) and an HTTP server with the package on loopback.
 */
class SimulatedFirmwareUpdateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = "CAM0001";
    /** The document's request example of 5.2.9.14, byte for byte but for the URL. */
    private static final String EXAMPLE = "{ \"msgContent\": { \"requestParams\": { \"serviceType\": 1, \"url\":"
            + " \"%s\", \"newServiceVersion\": \"1.0.0.526\", \"checkSum\": \"%s\" }, \"request\": 4097 },"
            + " \"msgSession\": 914570390, \"msgSequence\": 0, \"msgTimeStamp\": 1502171866698,"
            + " \"msgCategory\": \"camera\" }";

    @TempDir
    Path dir;
    private FakeHemuApi api;
    private HttpServer packages;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final byte[] bytes = new byte[300_000];

    @BeforeEach
    void start() throws Exception {
        api = new FakeHemuApi(Files.createDirectory(dir.resolve("api")), HemuCameraTest.KEY, HemuCameraTest.SECRET);
        new Random(526).nextBytes(bytes);
        packages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        packages.createContext("/fw.enc", exchange -> {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        packages.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        packages.stop(0);
        api.close();
    }

    @Test
    void theDocumentsCommandIsReadAndOtherCommandsAreNot() {
        Hedgw.DevAppCmd upgrade = command(String.format(EXAMPLE, "http://xxxx.com/Device/xxx.enc",
                "EC5FD1E4B7E6D3A31F821203A19CCF43"));

        SimulatedFirmwareUpdate.Command read = SimulatedFirmwareUpdate.Command.of(upgrade).orElseThrow();

        assertThat(read).isEqualTo(new SimulatedFirmwareUpdate.Command(914570390, 1,
                URI.create("http://xxxx.com/Device/xxx.enc"), "1.0.0.526", "ec5fd1e4b7e6d3a31f821203a19ccf43"));
        assertThat(SimulatedFirmwareUpdate.Command.of(command("{\"msgContent\":{\"request\":1793,\"subRequest\":15,"
                + "\"requestParams\":{\"value\":30}},\"msgSession\":1}"))).isEmpty();
        assertThat(SimulatedFirmwareUpdate.Command.of(command("not json"))).isEmpty();
        assertThat(SimulatedFirmwareUpdate.handles(Hedgw.HEDGWMessage.newBuilder()
                .setMessageType(Hedgw.HEDGWMessage.MessageType.DevAppCmd).setDevAppCmd(upgrade).build())).isTrue();
    }

    @Test
    void itDownloadsReportsEachStepRebootsReportsSevenAndItsNewVersion() throws Exception {
        List<Integer> before = new CopyOnWriteArrayList<>();
        List<Integer> after = new CopyOnWriteArrayList<>();
        FakeHedgw first = hedgw("first").serve(connection -> statuses(connection, before, true));
        FakeHedgw second = hedgw("second").serve(connection -> statuses(connection, after, false));
        HemuCamera openApi = openApi();
        List<String> log = new ArrayList<>();

        SimulatedFirmwareUpdate.Result result = new SimulatedFirmwareUpdate(DEVICE, openApi, "1.2.300", "2.15.200",
                SimulatedFirmwareUpdate.Outcome.INSTALL, log::add).run(connect(first), upgrade(md5(bytes)),
                () -> connect(second));

        first.done();
        second.done();
        assertThat(result.installed()).isTrue();
        assertThat(before).startsWith(1, 2).endsWith(3, 5, 6).containsOnly(1, 2, 3, 5, 6);
        assertThat(after).containsExactly(7);
        assertThat(log).contains("rebooting");
        JsonNode info = api.requests.get(api.requests.size() - 1).json();
        assertThat(info.path("msgType").asText()).isEqualTo("MSG_P_THD_SET_CAMERA_INFO_REQ");
        assertThat(info.path("firmwareVersion").asText()).isEqualTo("1.0.0.526");
        assertThat(info.path("cameraAppVersion").asText()).isEqualTo("2.15.200");
        assertThat(api.problems).isEmpty();
    }

    @Test
    void aPackageWhoseMd5IsNotTheCommandsIsReportedAFailedDownload() throws Exception {
        List<JsonNode> reports = new CopyOnWriteArrayList<>();
        FakeHedgw only = hedgw("only").serve(connection -> {
            while (true) {
                JsonNode report = report(connection.read().message());
                reports.add(report);
                if (report.path("status").asText().equals("4")) {
                    return;
                }
            }
        });

        SimulatedFirmwareUpdate.Result result = new SimulatedFirmwareUpdate(DEVICE, openApi(), "1.2.300", "2.15.200",
                SimulatedFirmwareUpdate.Outcome.INSTALL, line -> { }).run(connect(only), upgrade("0".repeat(32)),
                () -> {
                    throw new AssertionError("no reboot after a failed download");
                });

        only.done();
        assertThat(result.installed()).isFalse();
        JsonNode failed = reports.get(reports.size() - 1);
        assertThat(failed.path("comment").asText()).startsWith("checkSum mismatch").contains(md5(bytes));
        assertThat(failed.path("firmwareversion").asText()).isEqualTo("1.0.0.526");
    }

    /** Reads progress reports until status 6 (then the camera's close) or one report, keeping their statuses. */
    private static void statuses(FakeHedgw.Connection connection, List<Integer> into, boolean untilClose)
            throws IOException {
        while (true) {
            try {
                into.add(report(connection.read().message()).path("status").asInt());
            } catch (EOFException closed) {
                return;
            }
            if (!untilClose) {
                return;
            }
        }
    }

    /** The requestParams of a DevIpCamCmd type 1, request 2049, from this camera. */
    private static JsonNode report(Hedgw.HEDGWMessage message) throws IOException {
        assertThat(message.getMessageType()).isEqualTo(Hedgw.HEDGWMessage.MessageType.DevIpCamCmd);
        assertThat(message.getDevIpcamCmd().getType()).isEqualTo(1);
        assertThat(message.getDevIpcamCmd().getSrcDeviceId()).isEqualTo(DEVICE);
        JsonNode msg = JSON.readTree(message.getDevIpcamCmd().getMsg());
        assertThat(msg.path("msgSession").asLong()).isEqualTo(914570390);
        assertThat(msg.path("msgContent").path("request").asInt()).isEqualTo(2049);
        return msg.path("msgContent").path("requestParams");
    }

    private SimulatedFirmwareUpdate.Command upgrade(String md5) {
        return SimulatedFirmwareUpdate.Command.of(command(String.format(EXAMPLE,
                "http://127.0.0.1:" + packages.getAddress().getPort() + "/fw.enc", md5))).orElseThrow();
    }

    private static Hedgw.DevAppCmd command(String msg) {
        return Hedgw.DevAppCmd.newBuilder().setType(33).setSrcDeviceId("alarmhub").setMsg(msg).build();
    }

    private HemuCamera openApi() throws Exception {
        HemuCamera camera = HemuCamera.builder().api(api.api()).trust(api.certificate()).accessKey(HemuCameraTest.KEY)
                .accessSecret(HemuCameraTest.SECRET).deviceId(DEVICE).mac("AA:BB:CC:DD:EE:FF")
                .model(HemuCameraTest.MODEL).build();
        assertThat(camera.register(HemuCameraTest.MOBILE, HemuCameraTest.USER_TOKEN).ok()).isTrue();
        return camera;
    }

    private FakeHedgw hedgw(String name) throws Exception {
        FakeHedgw hedgw = new FakeHedgw(Files.createDirectory(dir.resolve(name)));
        open.add(hedgw);
        return hedgw;
    }

    private HedgwCamera connect(FakeHedgw hedgw) throws IOException {
        HedgwCamera camera = HedgwCamera.connect("127.0.0.1", hedgw.port(), hedgw.certificate(), Duration.ofSeconds(20));
        open.add(camera);
        return camera;
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
