package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HemuCamera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and hostile clients against the packaged server with its limits shortened so that each case takes
 * seconds: a client that never reads, a flood of connections that say nothing, clients that send a byte a
 * second, and the same against the Hemu HEDGW with a frame that announces 2 GiB. Others keep being served, and the hostile connections are closed by the
 * limits of the configuration, as the server's metrics show.
 */
class HostileClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * A PushServer client that subscribes and stops reading while 1,000 messages of 16 KB (16 MB) are
     * published to it: past its write watermark (1 MiB) the server stops handing it messages, which wait
     * in the store, while another alias keeps receiving; when it finally reads (and acks, as a client
     * does), it gets all of them. What the kernel's socket buffers take before the watermark holds (the
     * send buffer's autotuning lets it grow to {@code tcp_wmem}'s 4 MB) is handed over; without the
     * watermark all 1,000 would be. The heap and RSS bounds are sanity checks only: outbound buffers are
     * off-heap, and 16 MB would not stand out in either. The count stays within {@code push.replay-limit}
     * (1,000) because a connection that drains is sent at most that many of its oldest pending messages,
     * and nothing more until it reconnects or pulls (PushHub.replay does not page on).
     */
    @Test
    void aClientThatNeverReadsIsPausedAtItsWatermarkWhileOthersAreServed() throws Exception {
        int count = 1000;
        String pad = "x".repeat(16_000);
        try (ServerProcess server = new ServerProcess(dir)
                .with("tcp", "write-buffer-low-bytes: 262144", "write-buffer-high-bytes: 1048576",
                        "idle-timeout: 60s")
                .start();
             Socket slow = new Socket();
             LineClient good = new LineClient(server.tcp);
             LineClient publisher = new LineClient(server.tcp)) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", server.tcp), 5_000);
            slow.getOutputStream().write("{\"t\":14,\"alias\":\"slow\"}\n".getBytes(StandardCharsets.UTF_8));
            good.send("{\"t\":14,\"alias\":\"good\"}");
            assertThat(good.read().get("t").asInt()).isEqualTo(-14);

            for (int batch = 0; batch < count; batch += 20) {
                for (int i = batch; i < batch + 20; i++) {
                    publisher.send("{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"slow\"],\"msg\":{\"i\":" + i
                            + ",\"pad\":\"" + pad + "\"},\"opts\":{\"time_to_live\":600},\"num\":" + i + "}");
                }
                for (int i = batch; i < batch + 20; i++) {
                    assertThat(publisher.read().get("t").asInt()).isEqualTo(-6);
                }
            }
            // The well-behaved alias is served while the slow one has 16 MB of messages waiting.
            RestClient rest = new RestClient(server.rest);
            for (int i = 0; i < 10; i++) {
                rest.publishToAlias("good", "{\"n\":" + i + "}", 600);
                JsonNode push = good.read();
                assertThat(push.get("t").asInt()).isEqualTo(5);
                assertThat(push.get("msg").get("n").asInt()).isEqualTo(i);
            }

            double delivered = Scrape.value(server, "alarmhub_messages_delivered_total");
            double toSlow = delivered - 10;
            System.out.printf("HostileClientsIT: %.0f of %d messages handed to the slow connection%n", toSlow, count);
            assertThat(toSlow).as("messages handed to the connection that does not read")
                    .isLessThan(count / 2.0);
            double heap = Scrape.value(server, "jvm_memory_used_bytes", "area=\"heap\"");
            assertThat(heap).as("heap used").isLessThan(512.0 * 1024 * 1024);
            assertThat(rssKb(server)).as("server RSS in kB").isLessThan(1024 * 1024);
            assertThat(Scrape.value(server, "alarmhub_push_closed_total", "face=\"tcp\"")).isZero();

            // It reads at last, acking as it goes: every message comes, at least once.
            slow.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = slow.getOutputStream();
            BitSet seen = new BitSet(count);
            long end = System.nanoTime() + 30_000_000_000L;
            while (seen.cardinality() < count && System.nanoTime() < end) {
                String line = in.readLine();
                assertThat(line).as("a line before the server closes").isNotNull();
                JsonNode json = JSON.readTree(line);
                if (json.get("t").asInt() == 5) {
                    seen.set(json.get("msg").get("i").asInt());
                    out.write(("{\"t\":-5,\"mid\":\"" + json.get("mid").asText() + "\"}\n")
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            assertThat(seen.cardinality()).isEqualTo(count);
        }
    }

    /**
     * 1,500 PushServer and 500 Jovision connections that send nothing: the PushServer ones are closed by
     * {@code tcp.line-timeout} (the idle timeout is a minute), the Jovision ones by
     * {@code jovision.heartbeat-timeout}; a normal client is served throughout and stays connected.
     */
    @Test
    void aFloodOfSilentConnectionsIsClosedByTheLimitsWhileANormalClientIsServed() throws Exception {
        int tcpFlood = 1500;
        int jovisionFlood = 500;
        List<Socket> flood = new ArrayList<>();
        try (ServerProcess server = new ServerProcess(dir)
                .with("tcp", "idle-timeout: 60s", "line-timeout: 3s")
                .with("jovision", "heartbeat-timeout: 3s")
                .start()) {
            try {
                for (int i = 0; i < tcpFlood + jovisionFlood; i++) {
                    Socket s = new Socket();
                    flood.add(s);
                    s.connect(new InetSocketAddress("127.0.0.1", i < tcpFlood ? server.tcp : server.jovision), 5_000);
                }
                RestClient rest = new RestClient(server.rest);
                try (LineClient normal = new LineClient(server.tcp)) {
                    normal.send("{\"t\":14,\"alias\":\"normal\"}");
                    assertThat(normal.read().get("t").asInt()).isEqualTo(-14);
                    rest.publishToAlias("normal", "{\"during\":\"flood\"}", 600);
                    assertThat(normal.read().get("msg").get("during").asText()).isEqualTo("flood");

                    double closed = Scrape.await(server, 20_000, v -> v >= tcpFlood,
                            "alarmhub_push_closed_total", "face=\"tcp\"", "reason=\"line_timeout\"");
                    assertThat(closed).isEqualTo(tcpFlood);
                    assertThat(Scrape.value(server, "alarmhub_push_closed_total", "face=\"tcp\"", "reason=\"idle\""))
                            .isZero();
                    assertThat(Scrape.await(server, 20_000, v -> v == 0,
                            "alarmhub_device_connections_open", "vendor=\"jovision\"")).isZero();
                    assertThat(Scrape.value(server, "alarmhub_device_closed_total", "vendor=\"jovision\"",
                            "reason=\"heartbeat_timeout\"")).isEqualTo(jovisionFlood);
                    for (Socket s : flood) {
                        assertThat(closedByServer(s, 5_000)).as("a flood connection closed").isTrue();
                    }

                    // The normal client, quiet between lines, is still connected and served.
                    rest.publishToAlias("normal", "{\"after\":\"flood\"}", 600);
                    assertThat(normal.read().get("msg").get("after").asText()).isEqualTo("flood");
                    assertThat(Scrape.value(server, "alarmhub_push_connections_open", "face=\"tcp\"")).isEqualTo(1);
                }
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }

    /**
     * A byte a second on PushServer, the RestServer, the Jovision port and the VStarcam port: the idle and
     * heartbeat timeouts (3 s) never fire, since every byte restarts them; {@code tcp.line-timeout},
     * {@code rest.request-timeout}, {@code jovision.line-timeout} and {@code vstarcam.request-timeout} (5 s)
     * close all four.
     */
    @Test
    void clientsSendingAByteASecondAreClosedByTheLineAndRequestTimeouts() throws Exception {
        try (ServerProcess server = new ServerProcess(dir)
                .with("tcp", "idle-timeout: 3s", "line-timeout: 5s")
                .with("rest", "idle-timeout: 3s", "request-timeout: 5s")
                .with("jovision", "heartbeat-timeout: 3s", "line-timeout: 5s")
                .with("vstarcam", "idle-timeout: 3s", "request-timeout: 5s")
                .start()) {
            RestClient rest = new RestClient(server.rest);
            byte[] line = "{\"t\":14,\"alias\":\"slowloris-on-the-push-server\"}\n".getBytes(StandardCharsets.UTF_8);
            byte[] request = ("GET /info/servers/" + rest.token() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] device = ("{\"mt\":2201,\"lpt\":9,\"pv\":\"1.0\",\"mid\":1,\"dguid\":\"S35084741\"}\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] camera = ("POST /vstarcam/heartbeat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 25\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            Future<Boolean> tcp = clients.submit(() -> dribble(server.tcp, line));
            Future<Boolean> http = clients.submit(() -> dribble(server.rest, request));
            Future<Boolean> jovision = clients.submit(() -> dribble(server.jovision, device));
            Future<Boolean> vstarcam = clients.submit(() -> dribble(server.vstarcam, camera));
            clients.shutdown();

            // Meanwhile a normal client is served.
            try (LineClient normal = new LineClient(server.tcp)) {
                normal.send("{\"t\":14,\"alias\":\"normal\"}");
                assertThat(normal.read().get("t").asInt()).isEqualTo(-14);
                rest.publishToAlias("normal", "{\"served\":true}", 600);
                assertThat(normal.read().get("msg").get("served").asBoolean()).isTrue();
            }

            assertThat(tcp.get()).as("the PushServer slowloris was closed").isTrue();
            assertThat(http.get()).as("the RestServer slowloris was closed").isTrue();
            assertThat(jovision.get()).as("the Jovision slowloris was closed").isTrue();
            assertThat(vstarcam.get()).as("the VStarcam slowloris was closed").isTrue();
            assertThat(Scrape.value(server, "alarmhub_push_closed_total", "face=\"tcp\"", "reason=\"line_timeout\""))
                    .isEqualTo(1);
            assertThat(Scrape.value(server, "alarmhub_push_closed_total", "face=\"tcp\"", "reason=\"idle\""))
                    .isZero();
            assertThat(Scrape.value(server, "alarmhub_rest_closed_total", "reason=\"request_timeout\""))
                    .isEqualTo(1);
            assertThat(Scrape.value(server, "alarmhub_device_closed_total", "vendor=\"jovision\"",
                    "reason=\"line_timeout\"")).isEqualTo(1);
            assertThat(Scrape.value(server, "alarmhub_device_closed_total", "vendor=\"jovision\"",
                    "reason=\"heartbeat_timeout\"")).isZero();
            assertThat(Scrape.value(server, "alarmhub_device_closed_total", "vendor=\"vstarcam\"",
                    "reason=\"request_timeout\"")).isEqualTo(1);
        }
    }

    /**
     * Hostile clients of the Hemu HEDGW while a real camera logs in and pings: one that connects and says
     * nothing (not even TLS), one that sends its login a byte a second over TLS (both closed by
     * {@code hemu.hedgw.login-timeout}, 3 s here, whatever trickles in), and one whose first frame announces
     * 2 GiB (closed as soon as its 4 length bytes are read, against the 4 KiB limit before login).
     */
    @Test
    void hedgwClientsThatAreSilentDribbleOrAnnounceAHugeFrameAreClosedWhileACameraIsServed() throws Exception {
        try (ServerProcess server = HemuFixture.server(dir).with("hemu", "hedgw: {login-timeout: 3s}").start()) {
            int port = server.devicePorts.get("hemu.hedgw-port");
            HemuCamera camera = HemuFixture.camera(server, HemuFixture.DEVICE, HemuFixture.MAC);
            HemuCamera.Walk walk = camera.walk("13888888888", HemuFixture.grant(new RestClient(server.rest), "alice",
                    "13888888888").get("userToken").asText());
            assertThat(walk.complete()).as(walk.toString()).isTrue();
            try (Socket silent = new Socket("127.0.0.1", port);
                 SSLSocket dribbling = tls(server, port);
                 SSLSocket huge = tls(server, port)) {
                huge.getOutputStream().write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
                huge.getOutputStream().flush();
                assertThat(closedByServer(huge, 5_000)).as("the 2 GiB frame's connection").isTrue();

                try (HedgwCamera served = HedgwCamera.connect("127.0.0.1", port, HemuFixture.certificate(server),
                        Duration.ofSeconds(10))) {
                    assertThat(served.login(HedgwCamera.LoginParameters.builder().accessKey("acme")
                            .accessSecret(HemuFixture.ACME_SECRET).userName("13888888888")
                            .deviceToken(walk.deviceToken().orElseThrow()).unifiedId(walk.unifiedId().orElseThrow())
                            .deviceMac(HemuFixture.MAC).deviceId(HemuFixture.DEVICE).build()).getResult()).isZero();
                    boolean dribbleClosed = false;
                    for (int i = 0; i < 10 && !dribbleClosed; i++) {
                        dribbling.getOutputStream().write(i == 0 ? 0 : 1);
                        dribbling.getOutputStream().flush();
                        assertThat(served.ping()).as("the camera is answered meanwhile").isEqualTo(i + 1);
                        dribbleClosed = closedByServer(dribbling, 1_000);
                    }
                    assertThat(dribbleClosed).as("the dribbling login, within 10 s").isTrue();
                    assertThat(closedByServer(silent, 5_000)).as("the silent connection").isTrue();
                    assertThat(served.ping()).as("the camera is still connected").isPositive();
                }
                assertThat(Scrape.value(server, "alarmhub_device_closed_total", "vendor=\"hemu\"",
                        "reason=\"login_timeout\"")).isEqualTo(2);
                assertThat(Scrape.value(server, "alarmhub_device_bad_input_total", "vendor=\"hemu\"",
                        "reason=\"too_long\"")).isEqualTo(1);
            }
        }
    }

    private static SSLSocket tls(ServerProcess server, int port) throws Exception {
        SSLSocket socket = (SSLSocket) ServerTls.clientTrusting(HemuFixture.certificate(server)).getSocketFactory()
                .createSocket("127.0.0.1", port);
        socket.startHandshake();
        return socket;
    }

    /**
     * Sends the bytes one a second until the server closes the connection or 10 have gone; true if the
     * server closed it before the bytes ran out (the whole line or request would take far longer).
     */
    private static boolean dribble(int port, byte[] bytes) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < 10; i++) {
                try {
                    out.write(bytes[i]);
                    out.flush();
                } catch (IOException reset) {
                    return true;
                }
                if (closedByServer(s, 1_000)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to {@code millis} for the end of the stream; anything the server sends first is skipped. */
    private static boolean closedByServer(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        long end = System.nanoTime() + millis * 1_000_000L;
        try {
            while (System.nanoTime() < end) {
                if (s.getInputStream().read() == -1) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException open) {
            return false;
        } catch (SocketException | SSLException reset) {
            return true;
        }
    }

    /** VmRSS of the server process, found by its configuration path under this test's directory. */
    private long rssKb(ServerProcess server) throws IOException {
        String config = server.dir.resolve("alarmhub.yaml").toString();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                if (!proc.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                String cmdline;
                try {
                    cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (cmdline.contains(config)) {
                    for (String line : Files.readAllLines(proc.resolve("status"))) {
                        if (line.startsWith("VmRSS:")) {
                            return Long.parseLong(line.replaceAll("\\D", ""));
                        }
                    }
                }
            }
        }
        throw new AssertionError("no process runs with " + config);
    }
}
