package io.alarmhub.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.core.stream.StreamEvent;
import io.alarmhub.gateway.NettyLoops;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import static io.alarmhub.gateway.stream.StreamFixture.ENTERPRISE;
import static io.alarmhub.gateway.stream.StreamFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

class EnterpriseStreamListenerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SelfSignedCertificate certificate;
    private static SslContext serverContext;
    private static SSLContext clientContext;

    @TempDir
    Path dir;
    StreamFixture f;
    NettyLoops loops;
    EnterpriseStreamListener listener;
    SimpleMeterRegistry registry;
    InetSocketAddress address;

    @BeforeAll
    static void certificates() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        serverContext = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
                .protocols("TLSv1.3", "TLSv1.2").build();
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", certificate.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
    }

    @AfterAll
    static void deleteCertificate() {
        certificate.delete();
    }

    @BeforeEach
    void start() {
        f = new StreamFixture(dir);
        loops = new NettyLoops(1);
        registry = new SimpleMeterRegistry();
        listener = new EnterpriseStreamListener(loops, serverContext, f.streams, registry,
                StreamSettings.DEFAULT.withPort(0).withLoginTimeout(Duration.ofSeconds(1)));
        address = listener.start();
    }

    @AfterEach
    void stop() {
        listener.close();
        loops.close();
        f.close();
    }

    /** A JSON-lines client over the JDK's SSLSocket. */
    final class Client implements AutoCloseable {
        final SSLSocket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(String... protocols) throws IOException {
            socket = (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", address.getPort());
            if (protocols.length > 0) {
                socket.setEnabledProtocols(protocols);
            }
            socket.setSoTimeout(5000);
            socket.startHandshake();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        }

        String protocol() {
            return socket.getSession().getProtocol();
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        JsonNode read() throws IOException {
            String line = in.readLine();
            assertThat(line).as("a line, not the end of the stream").isNotNull();
            return JSON.readTree(line);
        }

        JsonNode login(String secret, Object prefetch) throws IOException {
            send("{\"cmd\":\"enterprise_login_req\",\"data\":{\"enterprise_id\":\"" + ENTERPRISE
                    + "\",\"enterprise_secret\":\"" + secret + "\",\"prefetch_count\":" + prefetch + "}}");
            JsonNode reply = read();
            assertThat(reply.path("cmd").asText()).isEqualTo("enterprise_login_res");
            return reply.path("data");
        }

        void ack(long id) throws IOException {
            send("{\"cmd\":\"enterprise_event_ack\",\"delivery_id\":" + id + "}");
        }

        void assertClosed() throws IOException {
            try {
                assertThat(in.readLine()).isNull();
            } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
                // closed without close_notify: closed all the same
            }
        }

        void assertNothingWithin(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                String line = in.readLine();
                throw new AssertionError("expected nothing, got " + line);
            } catch (SocketTimeoutException expected) {
                // nothing came
            } finally {
                socket.setSoTimeout(5000);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void logsInOverTls13AndTls12() throws Exception {
        try (Client c = new Client()) {
            assertThat(c.protocol()).isEqualTo("TLSv1.3");
            JsonNode data = c.login(SECRET, 5);
            assertThat(data.path("result").isBoolean()).isTrue();
            assertThat(data.path("result").booleanValue()).isTrue();
            assertThat(data.path("msg").asText()).isEqualTo("ok");
        }
        try (Client c = new Client("TLSv1.2")) {
            assertThat(c.protocol()).isEqualTo("TLSv1.2");
            // A prefetch_count written as a string of digits is taken too.
            assertThat(c.login(SECRET, "\"5\"").path("result").booleanValue()).isTrue();
        }
        try (Client c = new Client("TLSv1.2")) {
            assertThat(c.login(SECRET, 5).path("result").booleanValue()).isTrue();
            c.send("{\"cmd\":\"enterprise_ping\"}");
            assertThat(c.read().toString()).isEqualTo("{\"cmd\":\"enterprise_pong\"}");
        }
        assertThat(registry.get("alarmhub.stream.logins").tag("result", "ok").counter().count()).isEqualTo(3);
    }

    @Test
    void badSecretIsRefusedAndClosed() throws Exception {
        try (Client c = new Client()) {
            JsonNode data = c.login("wrong", 5);
            assertThat(data.path("result").booleanValue()).isFalse();
            assertThat(data.path("msg").asText()).isNotBlank().doesNotContain("wrong");
            c.assertClosed();
        }
        StreamFixture.eventually(() ->
                registry.get("alarmhub.stream.closed").tag("reason", "login_refused").counter().count() == 1);
    }

    @Test
    void prefetchOutOfRangeIsRefusedWithTheRange() throws Exception {
        for (int prefetch : new int[]{0, 40000}) {
            try (Client c = new Client()) {
                JsonNode data = c.login(SECRET, prefetch);
                assertThat(data.path("result").booleanValue()).isFalse();
                assertThat(data.path("msg").asText()).contains("prefetch_count").contains("1..32767");
                c.assertClosed();
            }
        }
    }

    @Test
    void garbageIsAnsweredInvalidMsgAndALoggedInConnectionLivesOn() throws Exception {
        try (Client c = new Client()) {
            c.send("not json");
            assertThat(c.read().path("cmd").asText()).isEqualTo("invalid_msg");
            c.send("{\"cmd\":\"enterprise_ping\"}");
            assertThat(c.read().path("cmd").asText()).isEqualTo("invalid_msg");
            assertThat(c.login(SECRET, 5).path("result").booleanValue()).isTrue();
            for (String bad : List.of("{oops", "[1,2]", "{\"cmd\":\"what\"}", "{\"no\":\"cmd\"}",
                    "{\"cmd\":\"enterprise_event_ack\"}", "{\"cmd\":\"enterprise_event_ack\",\"delivery_id\":\"x\"}",
                    "x".repeat(20_000))) {
                c.send(bad);
                JsonNode reply = c.read();
                assertThat(reply.path("cmd").asText()).isEqualTo("invalid_msg");
                assertThat(reply.path("msg").asText()).isNotBlank();
            }
            c.send("{\"cmd\":\"enterprise_ping\"}");
            assertThat(c.read().path("cmd").asText()).isEqualTo("enterprise_pong");
        }
        assertThat(registry.get("alarmhub.stream.invalid").counter().count()).isEqualTo(9);
    }

    @Test
    void aConnectionThatDoesNotLogInIsClosed() throws Exception {
        try (Client c = new Client()) {
            c.assertClosed();
        }
    }

    @Test
    void eventsArriveAndUnackedOnesComeAgainAfterReconnectInOrder() throws Exception {
        List<StreamEvent> events;
        try (Client c = new Client()) {
            assertThat(c.login(SECRET, 10).path("result").booleanValue()).isTrue();
            events = f.append(5);
            for (StreamEvent event : events) {
                JsonNode pushed = c.read();
                assertThat(pushed.path("cmd").asText()).isEqualTo("enterprise_event_push");
                assertThat(pushed.path("delivery_id").isIntegralNumber()).isTrue();
                assertThat(pushed.path("delivery_id").longValue()).isEqualTo(event.deliveryId());
                assertThat(pushed.path("event_type").asText()).isEqualTo("device_online");
            }
            c.ack(events.get(0).deliveryId());
            c.send("{\"cmd\":\"enterprise_event_ack\",\"delivery_id\":\"" + events.get(2).deliveryId() + "\"}");
            c.send("{\"cmd\":\"enterprise_ping\"}");
            assertThat(c.read().path("cmd").asText()).isEqualTo("enterprise_pong");
        }
        try (Client c = new Client()) {
            assertThat(c.login(SECRET, 10).path("result").booleanValue()).isTrue();
            for (int i : new int[]{1, 3, 4}) {
                assertThat(c.read().path("delivery_id").longValue()).isEqualTo(events.get(i).deliveryId());
            }
            c.assertNothingWithin(300);
        }
        assertThat(registry.get("alarmhub.stream.events.acked").counter().count()).isEqualTo(2);
        assertThat(registry.get("alarmhub.stream.events.sent").counter().count()).isEqualTo(8);
    }

    @Test
    void prefetchWindowHoldsOnTheWire() throws Exception {
        try (Client c = new Client()) {
            assertThat(c.login(SECRET, 2).path("result").booleanValue()).isTrue();
            List<StreamEvent> events = f.append(4);
            assertThat(c.read().path("delivery_id").longValue()).isEqualTo(events.get(0).deliveryId());
            assertThat(c.read().path("delivery_id").longValue()).isEqualTo(events.get(1).deliveryId());
            c.assertNothingWithin(300);
            c.ack(events.get(1).deliveryId());
            assertThat(c.read().path("delivery_id").longValue()).isEqualTo(events.get(2).deliveryId());
            c.assertNothingWithin(200);
            assertThat(registry.get("alarmhub.stream.connections.open").gauge().value()).isEqualTo(1);
        }
    }
}
