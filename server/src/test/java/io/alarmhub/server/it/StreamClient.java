package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.tls.ServerTls;

import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An enterprise back end on the JDK's TLS client, trusting the server's generated certificate as an
 * operator would hand it out: newline-delimited JSON out and in.
 */
final class StreamClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SSLSocket socket;
    private final BufferedReader in;
    private final OutputStream out;

    StreamClient(ServerProcess server) throws Exception {
        Path certificate = ServerTls.generatedCertificate(server.dir.resolve("data"));
        socket = (SSLSocket) ServerTls.clientTrusting(certificate).getSocketFactory()
                .createSocket("127.0.0.1", server.stream);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    String protocol() {
        return socket.getSession().getProtocol();
    }

    StreamClient send(String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    JsonNode login(String enterprise, String secret, int prefetch) throws IOException {
        send("{\"cmd\":\"enterprise_login_req\",\"data\":{\"enterprise_id\":\"" + enterprise
                + "\",\"enterprise_secret\":\"" + secret + "\",\"prefetch_count\":" + prefetch + "}}");
        return read();
    }

    JsonNode read() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        return JSON.readTree(line);
    }

    /** The next line if one comes within the given time; empty when the server stays quiet. */
    Optional<JsonNode> readWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return Optional.of(read());
        } catch (SocketTimeoutException quiet) {
            return Optional.empty();
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** Whether the server has closed the connection. */
    boolean closedByServer() throws IOException {
        try {
            return in.readLine() == null;
        } catch (IOException reset) {
            return true;
        }
    }

    void ack(JsonNode event) throws IOException {
        send("{\"cmd\":\"enterprise_event_ack\",\"delivery_id\":" + event.get("delivery_id") + "}");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
