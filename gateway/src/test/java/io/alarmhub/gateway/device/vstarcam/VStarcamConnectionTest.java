package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.gateway.RawHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP/1.1 as a camera's firmware may speak it: Expect, pipelining, chunks, garbage and hang-ups. */
@Timeout(60)
class VStarcamConnectionTest {

    private static final String OK = "{\"code\":\"200\",\"message\":\"Success\"}";
    private static final String BOUNDARY = "b0undary";

    @TempDir
    Path dir;
    private VStarcamFixture server;

    @BeforeEach
    void start() {
        server = new VStarcamFixture(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBody() throws Exception {
        String body = "{\"vuid\":\"VC0000000ABCD\"}";
        try (RawHttp camera = new RawHttp(server.address)) {
            camera.send("POST /vstarcam/heartbeat HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n");
            assertThat(camera.read().status()).isEqualTo(100);
            camera.send(body);
            assertThat(camera.read().body()).isEqualTo(OK);
        }
    }

    @Test
    void tooLargeAnnouncedBodyIsRefusedBeforeItIsSent() throws Exception {
        try (RawHttp camera = new RawHttp(server.address)) {
            camera.send("POST /vstarcam/alarm HTTP/1.1\r\nHost: test\r\nExpect: 100-continue\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: " + (100L << 20) + "\r\n\r\n");
            RawHttp.Response refused = camera.read();
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.body()).isEqualTo("{\"code\":\"413\",\"message\":\"request larger than 58720256 bytes\"}");
            assertThat(refused.headers()).containsEntry("connection", "close");
            assertThat(camera.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAfterTheOnlineIsDurable() throws Exception {
        server.events.mode = RecordingEvents.Mode.HOLD;
        try (RawHttp camera = new RawHttp(server.address)) {
            camera.send(heartbeat("VC0000000ABCD") + "GET /nothing HTTP/1.1\r\nHost: test\r\n\r\n"
                    + heartbeat("VC0000000ABCD"));
            VStarcamFixture.eventually(() -> server.events.held.size() == 1, "the Online event is handed over");
            server.events.held.get(0).complete(null);

            assertThat(camera.read().body()).isEqualTo(OK);
            assertThat(camera.read().status()).isEqualTo(404);
            assertThat(camera.read().body()).isEqualTo(OK);
        }
        assertThat(server.events.of(DeviceEvent.Online.class)).hasSize(1);
    }

    @Test
    void chunkedAlarmIsAccepted() throws Exception {
        String form = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"vuid\"\r\n\r\nVC0000000ABCD\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n0x14\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"p.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\nnot really a jpeg\r\n--" + BOUNDARY + "--\r\n";
        int half = form.length() / 2;
        try (RawHttp camera = new RawHttp(server.address)) {
            camera.send("POST /vstarcam/alarm HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n\r\n"
                    + Integer.toHexString(half) + "\r\n" + form.substring(0, half) + "\r\n"
                    + Integer.toHexString(form.length() - half) + "\r\n" + form.substring(half) + "\r\n0\r\n\r\n");
            assertThat(camera.read().body()).isEqualTo(OK);
        }
        assertThat(server.events.of(DeviceEvent.Alarm.class)).singleElement()
                .satisfies(alarm -> assertThat(alarm.vendorType()).isEqualTo("0x14"));
    }

    @Test
    void garbageIs400AndClosed() throws Exception {
        try (RawHttp camera = new RawHttp(server.address)) {
            camera.send("\u0001\u0002 nonsense\r\n\r\n");
            RawHttp.Response response = camera.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"code\":\"400\",\"message\":\"malformed HTTP request\"}");
            assertThat(camera.closedByServer()).isTrue();
        }
    }

    @Test
    void aCameraHangingUpMidUploadLeavesNothing() throws Exception {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"vuid\"\r\n\r\nVC0000000ABCD\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"p.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        try (RawHttp camera = new RawHttp(server.address)) {
            camera.send("POST /vstarcam/alarm HTTP/1.1\r\nHost: test\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                    + "Content-Length: " + (4L << 20) + "\r\n\r\n" + head);
            camera.send(new byte[1 << 20]);
            VStarcamFixture.eventually(() -> !server.leftovers().isEmpty(), "the picture is being written");
        }
        VStarcamFixture.eventually(() -> server.leftovers().isEmpty(), "the partial picture is deleted");
        assertThat(server.events.accepted).isEmpty();
    }

    private static String heartbeat(String vuid) {
        return RawHttp.post("/vstarcam/heartbeat", "{\"vuid\":\"" + vuid + "\"}");
    }

    @Test
    void aCameraWhoseRequestDoesNotArriveWithinTheRequestTimeoutIsClosed(@TempDir Path other) throws Exception {
        // A byte a second would keep resetting the idle timer (60 s): only the request timeout catches it.
        // Its timing, byte by byte, is tested on virtual time in HttpServerPipelineTest; here, the listener
        // gives the core its setting and the adapter counts the close.
        try (VStarcamFixture slow = new VStarcamFixture(other,
                VStarcamSettings.DEFAULT.withPort(0).withTimeouts(Duration.ofSeconds(60), Duration.ofMillis(300)));
             RawHttp camera = new RawHttp(slow.address)) {
            camera.send("POST /vstarcam/heartbeat HTTP/1.1\r\nHost: test\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(camera.closedByServer()).isTrue();
            assertThat(slow.registry.get(VStarcamMetrics.CLOSED).tags("vendor", "vstarcam", "reason", "request_timeout")
                    .counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void aBodyTooLargeForItsPathIsAnsweredAtOnceAndTheCameraCanFinishSendingBeforeTheClose() throws Exception {
        try (RawHttp camera = new RawHttp(server.address)) {
            camera.send("POST /vstarcam/heartbeat HTTP/1.1\r\nHost: test\r\nContent-Length: 100000\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            RawHttp.Response refused = camera.read();
            // the rest of the body still goes out without a reset: the server reads and drops it
            camera.send(new byte[16 * 1024]);

            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.headers()).containsEntry("connection", "close");
            assertThat(camera.closedByServer()).as("the answer ends: the server shut its side").isTrue();
            // and, after the linger (2 s on the real clock), the server closes the connection itself
            VStarcamFixture.eventually(() -> server.registry.get(VStarcamMetrics.CONNECTIONS).gauge().value() == 0,
                    "the lingering connection closed");
        }
    }

}
