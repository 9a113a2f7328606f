package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code alarmhub hemu manufacturer}, {@code model} and {@code camera}, run as picocli runs them. */
@Timeout(60)
class HemuCommandTest {

    private static final Pattern KEY = Pattern.compile("(?m)^access key: +([a-z0-9]{12})$");
    private static final Pattern SECRET = Pattern.compile("(?m)^access secret: +([A-Za-z0-9]{20})$");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void manufacturerKeepsTheSecretInAPrivateFileAndPrintsTheEntry() throws Exception {
        int status = run(new Main(), "hemu", "manufacturer", "--name", "Acme Cameras", "--data-dir", dir.toString());

        assertThat(status).as(err.toString()).isZero();
        String text = out.toString();
        Matcher key = KEY.matcher(text);
        Matcher secret = SECRET.matcher(text);
        assertThat(key.find()).as(text).isTrue();
        assertThat(secret.find()).as(text).isTrue();
        Path file = dir.resolve("hemu").resolve(key.group(1) + ".secret");
        assertThat(Files.readString(file, StandardCharsets.US_ASCII)).isEqualTo(secret.group(1));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(text.split(secret.group(1), -1)).as("the secret is shown once").hasSize(2);
        assertThat(text).contains("(shown once: it is kept in " + file + ", readable by this user only;"
                + " the server reads it from there)");
        assertThat(text).endsWith("hemu:\n"
                + "  manufacturers:\n"
                + "    - name: Acme Cameras\n"
                + "      access-key: " + key.group(1) + "\n"
                + "      secret-file: hemu/" + key.group(1) + ".secret\n"
                + "      models: []\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void manufacturerTakesAKeyAndModelsAndMakesANewSecretEachTime() throws Exception {
        int status = run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--access-key", "3rdX01",
                "--model", "3rdX01_C20", "--model", "3RDX01_c20", "--model", "3rdx01_Pan_Tilt", "--data-dir", dir.toString());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).endsWith("    - name: Acme\n"
                + "      access-key: 3rdX01\n"
                + "      secret-file: hemu/3rdX01.secret\n"
                + "      models: [3rdX01_C20, 3rdx01_Pan_Tilt]\n");
        String first = Files.readString(dir.resolve("hemu/3rdX01.secret"));

        out.getBuffer().setLength(0);
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--access-key", "other",
                "--data-dir", dir.toString())).isZero();
        assertThat(Files.readString(dir.resolve("hemu/other.secret"))).isNotEqualTo(first).matches("[A-Za-z0-9]{20}");
    }

    @Test
    void manufacturerRefusesAKeyWhoseSecretFileExists() throws Exception {
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--access-key", "acme",
                "--data-dir", dir.toString())).isZero();
        Path file = dir.resolve("hemu/acme.secret");
        String secret = Files.readString(file);
        out.getBuffer().setLength(0);

        int status = run(new Main(), "hemu", "manufacturer", "--name", "Acme again", "--access-key", "acme",
                "--data-dir", dir.toString());

        assertThat(status).isEqualTo(1);
        assertThat(Files.readString(file)).isEqualTo(secret);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).hasLineCount(1).contains(file.toString(), "exists already");
    }

    @Test
    void manufacturerRefusesBadInputAndWritesNothing() {
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--access-key", "acme key",
                "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--access-key", "x".repeat(33),
                "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", " ", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(run(new Main(), "hemu", "manufacturer", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--model", "acme_C20",
                "--data-dir", dir.toString())).as("a model without the key it starts with").isEqualTo(2);
        assertThat(err.toString()).contains("--access-key must be 1 to 32 of A-Z a-z 0-9", "--name must be",
                "--model needs --access-key");
        err.getBuffer().setLength(0);

        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--access-key", "acme",
                "--model", "acme_C20", "--model", "other_C20", "--data-dir", dir.toString())).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("other_C20: not acme_ followed by 1-16 letters, digits or _\n");
        assertThat(out.toString()).isEmpty();
        assertThat(dir.resolve("hemu")).doesNotExist();
    }

    @Test
    void manufacturerQuotesANameThatYamlWouldReadOtherwise() {
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme: it's cams", "--access-key", "a1",
                "--data-dir", dir.toString())).isZero();
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "yes", "--access-key", "a2",
                "--data-dir", dir.toString())).isZero();
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "和目 摄像头", "--access-key", "a3",
                "--data-dir", dir.toString())).isZero();

        assertThat(out.toString()).contains("    - name: 'Acme: it''s cams'\n", "    - name: 'yes'\n",
                "    - name: 和目 摄像头\n");
    }

    @Test
    void modelPrintsTheModelsLineOrNamesEachBadOne() {
        assertThat(run(new Main(), "hemu", "model", "--access-key", "3rdx01", "3rdx01_C20", "3RDX01_c30")).isZero();
        assertThat(out.toString()).isEqualTo("models: [3rdx01_C20, 3RDX01_c30]\n");
        out.getBuffer().setLength(0);

        assertThat(run(new Main(), "hemu", "model", "--access-key", "3rdx01", "3rdx01_C20", "3rdx02_C20",
                "3rdx01_" + "a".repeat(17))).isEqualTo(2);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("3rdx02_C20: not 3rdx01_ followed by 1-16 letters, digits or _\n"
                + "3rdx01_" + "a".repeat(17) + ": not 3rdx01_ followed by 1-16 letters, digits or _\n");
        assertThat(run(new Main(), "hemu", "model", "--access-key", "3rdx01")).as("no model").isEqualTo(2);
    }

    @Test
    void cameraWalksTheFlowWithTheSecretFromTheEnvironment() throws Exception {
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET)) {
            int status = camera(Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET), api,
                    "--user-mobile", HemuCameraTest.MOBILE, "--user-token", HemuCameraTest.USER_TOKEN);

            assertThat(status).as(err.toString()).isZero();
            assertThat(api.problems).isEmpty();
            assertThat(out.toString()).isEqualTo("MSG_P_THD_ADD_CAMERA_RSP errorCode 0\n"
                    + "MSG_P_THD_SET_CAMERA_CAPACITY_RSP errorCode 0\n"
                    + "MSG_P_THD_GET_CAMERA_CHN_ADDR_RSP errorCode 0\n"
                    + "MSG_P_THD_GET_CAMERA_SETTINGS_RSP errorCode 0\n"
                    + "MSG_P_THD_SET_CAMERA_INFO_RSP errorCode 0\n"
                    + "MSG_P_THD_SET_CAMERA_SETTINGS_RSP errorCode 0\n"
                    + "HEDGW at " + FakeHemuApi.HEDGW_ADDR + ":" + FakeHemuApi.HEDGW_PORT + "\n");
            assertThat(out.toString() + err).doesNotContain(HemuCameraTest.SECRET, FakeHemuApi.DEVICE_TOKEN);
        }
    }

    @Test
    void cameraReadsTheSecretFileThatManufacturerWrote() throws Exception {
        assertThat(run(new Main(), "hemu", "manufacturer", "--name", "Acme", "--access-key", "acme",
                "--data-dir", dir.toString())).isZero();
        Path secretFile = dir.resolve("hemu/acme.secret");
        out.getBuffer().setLength(0);

        try (FakeHemuApi api = new FakeHemuApi(Files.createDirectory(dir.resolve("api")), "acme",
                Files.readString(secretFile))) {
            int status = run(new HemuCommand(Map.of()), "camera", "--api", api.api().toString(),
                    "--trust", api.certificate().toString(), "--access-key", "acme", "--secret-file", secretFile.toString(),
                    "--device-id", "CAM0001", "--mac", "AA:BB:CC:DD:EE:FF", "--model", "acme_C20", "--wired");

            assertThat(status).as(err.toString()).isZero();
            assertThat(api.problems).isEmpty();
            assertThat(out.toString()).startsWith("MSG_P_THD_GET_CAMERA_BIND_INFO_RSP errorCode 0\n"
                    + "MSG_P_THD_ADD_CAMERA_RSP errorCode 0\n").contains("HEDGW at ");
        }
    }

    @Test
    void cameraExitsOneWithTheFailingAnswer() throws Exception {
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET)) {
            api.script("MSG_P_THD_GET_CAMERA_CHN_ADDR_REQ", 200, "{\"errorCode\":\"30001\",\"description\":\"no HEDGW\","
                    + "\"msgType\":\"MSG_P_THD_GET_CAMERA_CHN_ADDR_RSP\"}");

            int status = camera(Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET), api,
                    "--user-mobile", HemuCameraTest.MOBILE, "--user-token", HemuCameraTest.USER_TOKEN);

            assertThat(status).isEqualTo(1);
            assertThat(out.toString()).endsWith("MSG_P_THD_GET_CAMERA_CHN_ADDR_RSP errorCode 30001\n");
            assertThat(err.toString()).isEqualTo(
                    "hemu camera: MSG_P_THD_GET_CAMERA_CHN_ADDR_RSP failed: errorCode 30001: no HEDGW\n");
        }
    }

    @Test
    void cameraLogsInToTheHedgwPingsAndReportsMotion() throws Exception {
        List<Hedgw.HEDGWMessage> received = new CopyOnWriteArrayList<>();
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET);
             FakeHedgw hedgw = new FakeHedgw(dir)) {
            hedgw.serve(connection -> {
                received.add(connection.read().message());
                connection.write(HedgwCameraTest.loginResp(0));
                Hedgw.HEDGWMessage ping = connection.read().message();
                received.add(ping);
                connection.write(HedgwCameraTest.serverCmd(2));
                connection.write(HedgwCameraTest.pong(ping.getPing().getId()));
                received.add(connection.read().message());
                received.add(connection.read().message());
            });

            int status = camera(Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET), api,
                    "--user-mobile", HemuCameraTest.MOBILE, "--user-token", HemuCameraTest.USER_TOKEN,
                    "--hedgw-address", "127.0.0.1:" + hedgw.port(), "--hedgw-trust", hedgw.certificate().toString(),
                    "--motion");

            assertThat(status).as(err.toString()).isZero();
            hedgw.done();
            assertThat(hedgw.handshake().protocol()).isEqualTo("TLSv1.2");
            assertThat(out.toString()).endsWith("HEDGW at " + FakeHemuApi.HEDGW_ADDR + ":" + FakeHemuApi.HEDGW_PORT + "\n"
                    + "DevLoginResp result 0 ping_pong_span 30 device_status 1\n"
                    + "PONG 1\n"
                    + "DevEventCmd type 1 status 1 (motion start)\n"
                    + "DevEventCmd type 1 status 0 (motion end)\n");
            assertThat(out.toString() + err).doesNotContain(HemuCameraTest.SECRET, FakeHemuApi.DEVICE_TOKEN);
            assertThat(received).extracting(Hedgw.HEDGWMessage::getMessageType).containsExactly(MessageType.DevLoginReq,
                    MessageType.PING, MessageType.DevEventCmd, MessageType.DevEventCmd);
            Hedgw.DevLoginReq login = received.get(0).getDevLoginReq();
            assertThat(login.getAccessKey()).isEqualTo(HemuCameraTest.KEY);
            assertThat(login.getAccessSecret()).isEqualTo(HemuCameraTest.SECRET);
            assertThat(login.getUserName()).isEqualTo(HemuCameraTest.MOBILE);
            assertThat(login.getDeviceToken()).isEqualTo(FakeHemuApi.DEVICE_TOKEN);
            assertThat(login.getUnifiedId()).isEqualTo(FakeHemuApi.UNIFIED_ID);
            assertThat(login.getDeviceId()).isEqualTo("CAM0001");
            assertThat(login.getDeviceMac()).isEqualTo("AA:BB:CC:DD:EE:FF");
            assertThat(login.getChannelId()).isZero();
            assertThat(received.get(2).getDevEventCmd().getStatus()).isEqualTo(1);
            assertThat(received.get(3).getDevEventCmd().getStatus()).isZero();
            assertThat(received.get(3).getDevEventCmd().getType()).isEqualTo(1);
        }
    }

    @Test
    void cameraStaysAnsweringCommandsWithALinePerCommandUntilTheHedgwCloses() throws Exception {
        List<Hedgw.HEDGWMessage> received = new CopyOnWriteArrayList<>();
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET);
             FakeHedgw hedgw = new FakeHedgw(dir)) {
            hedgw.serve(connection -> {
                connection.read();
                connection.write(HedgwCameraTest.loginResp(0));
                connection.write(HedgwCameraTest.pong(connection.read().message().getPing().getId()));
                connection.write(appCommand(5, "{\"msgSession\":77,\"msgContent\":{\"request\":1793,"
                        + "\"subRequest\":21,\"requestParams\":{\"value\":2}}}"));
                received.add(connection.read().message());
                connection.write(appCommand(6, "{\"msgSession\":78,\"msgContent\":{\"request\":4097,"
                        + "\"requestParams\":{\"serviceType\":1,\"url\":\"http://127.0.0.1:1/fw.bin\","
                        + "\"newServiceVersion\":\"1.3.0\",\"checkSum\":\"ec5fd1e4b7e6d3a31f821203a19ccf43\"}}}"));
                // The upgrade is carried out: download started (1), and failed (4): nothing listens there.
                received.add(connection.read().message());
                received.add(connection.read().message());
                connection.write(appCommand(7, "{\"msgSession\":79,\"msgContent\":{\"request\":1792,"
                        + "\"subRequest\":81,\"requestParams\":{}}}"));
                received.add(connection.read().message());
            });

            int status = camera(Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET), api,
                    "--user-mobile", HemuCameraTest.MOBILE, "--user-token", HemuCameraTest.USER_TOKEN,
                    "--hedgw-address", "127.0.0.1:" + hedgw.port(), "--hedgw-trust", hedgw.certificate().toString(),
                    "--stay", "0");

            hedgw.done();
            assertThat(status).as("the HEDGW ended the connection").isEqualTo(1);
            assertThat(out.toString().lines().dropWhile(line -> !line.equals("PONG 1"))).containsExactly("PONG 1",
                    "staying connected until interrupted, pinging every 30 s",
                    "DevAppCmd id 5 from alice request 1793 subRequest 21: answered response 0",
                    "DevAppCmd id 6 from alice request 4097: a firmware upgrade to 1.3.0",
                    "DevIpCamCmd 2049 status 1",
                    out.toString().lines().filter(line -> line.startsWith("DevIpCamCmd 2049 status 4 (download failed"))
                            .findFirst().orElse("no status 4"),
                    "DevAppCmd id 7 from alice request 1792 subRequest 81: answered response 0");
            assertThat(err.toString()).startsWith("hemu camera: the HEDGW ended the connection");
            assertThat(received).extracting(m -> m.getDevIpcamCmd().getType()).containsExactly(2, 1, 1, 2);
            assertThat(received.get(0).getDevIpcamCmd().getMsg()).contains("\"msgSession\":77");
            assertThat(received.get(1).getDevIpcamCmd().getMsg()).contains("\"msgSession\":78", "\"status\":\"1\"");
            assertThat(received.get(2).getDevIpcamCmd().getMsg()).contains("\"msgSession\":78", "\"status\":\"4\"");
            assertThat(received.get(3).getDevIpcamCmd().getDstDeviceId()).isEqualTo("alice");
            assertThat(received.get(3).getDevIpcamCmd().getMsg()).contains("\"msgSession\":79", "\"pan\":0");
        }
    }

    private static Hedgw.HEDGWMessage appCommand(int id, String msg) {
        return Hedgw.HEDGWMessage.newBuilder().setMessageType(MessageType.DevAppCmd).setDevAppCmd(
                Hedgw.DevAppCmd.newBuilder().setType(33).setSrcDeviceId("alice").setId(id).setMsg(msg)).build();
    }

    @Test
    void cameraExitsOneWhenTheHedgwRefusesTheLogin() throws Exception {
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET);
             FakeHedgw hedgw = new FakeHedgw(dir)) {
            hedgw.serve(connection -> {
                connection.read();
                connection.write(HedgwCameraTest.loginResp(4));
            });

            int status = camera(Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET), api,
                    "--user-mobile", HemuCameraTest.MOBILE, "--user-token", HemuCameraTest.USER_TOKEN,
                    "--hedgw-address", "127.0.0.1:" + hedgw.port(), "--hedgw-trust", hedgw.certificate().toString());

            assertThat(status).isEqualTo(1);
            hedgw.done();
            assertThat(out.toString()).endsWith("DevLoginResp result 4 ping_pong_span 30 device_status 1\n");
            assertThat(err.toString()).isEqualTo("hemu camera: HEDGW 127.0.0.1:" + hedgw.port()
                    + " refused the login: result 4\n");
        }
    }

    @Test
    void cameraExitsOneWhenTheHedgwClosesWithoutAnswering() throws Exception {
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET);
             FakeHedgw hedgw = new FakeHedgw(dir)) {
            hedgw.serve(connection -> connection.read());

            int status = camera(Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET), api,
                    "--user-mobile", HemuCameraTest.MOBILE, "--user-token", HemuCameraTest.USER_TOKEN,
                    "--hedgw-address", "127.0.0.1:" + hedgw.port(), "--hedgw-trust", hedgw.certificate().toString());

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).startsWith("hemu camera: HEDGW 127.0.0.1:" + hedgw.port() + ": java.io.EOFException");
        }
    }

    @Test
    void cameraRefusesMissingOrConflictingSettings() throws Exception {
        try (FakeHemuApi api = new FakeHemuApi(dir, HemuCameraTest.KEY, HemuCameraTest.SECRET)) {
            assertThat(camera(Map.of(), api, "--user-mobile", "1", "--user-token", "t")).as("no secret").isEqualTo(2);
            assertThat(err.toString()).contains("no access secret: give --secret-file or set ALARMHUB_HEMU_SECRET");
            Map<String, String> env = Map.of(HemuCameraCommand.SECRET_ENV, HemuCameraTest.SECRET);
            assertThat(camera(env, api)).as("neither a user nor --wired").isEqualTo(2);
            assertThat(camera(env, api, "--user-mobile", "1", "--user-token", "t", "--wired")).isEqualTo(2);
            assertThat(camera(env, api, "--user-mobile", "1")).as("a mobile without a token").isEqualTo(2);
            assertThat(camera(env, api, "--wired", "--poll-interval", "5s")).isEqualTo(2);
            assertThat(camera(env, api, "--wired", "--wait", "soon")).isEqualTo(2);
            assertThat(camera(env, api, "--user-mobile", "1", "--user-token", "t", "--motion")).isEqualTo(2);
            assertThat(err.toString()).contains("--motion needs --hedgw");
            assertThat(camera(env, api, "--user-mobile", "1", "--user-token", "t", "--stay", "10s")).isEqualTo(2);
            assertThat(err.toString()).contains("--stay needs --hedgw");
            assertThat(camera(env, api, "--user-mobile", "1", "--user-token", "t", "--hedgw-address", "host")).isEqualTo(2);
            assertThat(camera(env, api, "--user-mobile", "1", "--user-token", "t", "--hedgw-address", "host:70000"))
                    .isEqualTo(2);
            assertThat(api.requests).isEmpty();
        }
    }

    private int camera(Map<String, String> env, FakeHemuApi api, String... more) {
        String[] args = {"camera", "--api", api.api().toString(), "--trust", api.certificate().toString(),
                "--access-key", HemuCameraTest.KEY, "--device-id", "CAM0001", "--mac", "AA:BB:CC:DD:EE:FF",
                "--model", HemuCameraTest.MODEL};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(new HemuCommand(env), all);
    }

    private int run(Object command, String... args) {
        return new CommandLine(command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
