package io.alarmhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.bench.peer.AlarmhubServer;
import io.alarmhub.bench.scenario.LatencyRecorder;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * One enterprise back end on the stream: TLS trusting the server's generated certificate, a login
 * with a prefetch, each push acked. The stream message has no raw, so the bench keeps each alarm's
 * send time keyed by device and {@code ats} (unique per alarm), which the raise carries as
 * {@code did} and {@code created_at}.
 */
final class StreamApp {
    static final int PREFETCH = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, long[]> sentByKey = new ConcurrentHashMap<>();
    private final LatencyRecorder recorder;
    private final AtomicLong errors;
    private SSLSocket socket;
    private Writer out;
    volatile String lastLine = "nothing";

    StreamApp(LatencyRecorder recorder, AtomicLong errors) {
        this.recorder = recorder;
        this.errors = errors;
    }

    void expect(String did, long ats, long intended, int seq) {
        sentByKey.put(did + ":" + ats, new long[] {intended, seq});
    }

    void open(AlarmhubServer server, CountDownLatch ready) throws Exception {
        X509Certificate certificate;
        try (InputStream pem = Files.newInputStream(server.dataDir().resolve("tls").resolve("server.crt"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("alarmhub", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", server.port("stream"));
        socket.startHandshake();
        out = new OutputStreamWriter(new BufferedOutputStream(socket.getOutputStream()), StandardCharsets.UTF_8);
        send("{\"cmd\":\"enterprise_login_req\",\"data\":{\"enterprise_id\":\"" + DeviceAlarmRun.ENTERPRISE
                + "\",\"enterprise_secret\":\"" + DeviceAlarmRun.ENTERPRISE_SECRET + "\",\"prefetch_count\":" + PREFETCH + "}}");
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> read(in, ready), "stream-app");
        reader.setDaemon(true);
        reader.start();
    }

    private synchronized void send(String line) throws IOException {
        out.write(line);
        out.write('\n');
        out.flush();
    }

    private void read(BufferedReader in, CountDownLatch ready) {
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lastLine = line;
                JsonNode message = JSON.readTree(line);
                String cmd = message.path("cmd").asText();
                if (cmd.equals("enterprise_login_res")) {
                    if (message.path("data").path("result").asBoolean()) {
                        ready.countDown();
                    }
                } else if (cmd.equals("enterprise_event_push")) {
                    send("{\"cmd\":\"enterprise_event_ack\",\"delivery_id\":" + message.path("delivery_id") + "}");
                    onPush(message);
                } else {
                    errors.incrementAndGet();
                    System.err.println("stream: " + line);
                }
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                errors.incrementAndGet();
                System.err.println("stream app: " + e);
            }
        }
    }

    private void onPush(JsonNode message) {
        if (!message.path("event_type").asText().equals("attr_alert")
                || !message.path("data").path("value").asText().equals("1")) {
            return;
        }
        long ats = (long) Math.floor(message.path("created_at").asDouble());
        long[] sent = sentByKey.remove(message.path("did").asText() + ":" + ats);
        if (sent != null) {
            recorder.received("{\"sent\":" + sent[0] + ",\"seq\":" + sent[1] + "}");
        }
    }

    void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // closing
        }
    }
}
