package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A PushServer client as a door unit or app would write it: a socket, JSON lines out, JSON lines in. */
final class LineClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    LineClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    LineClient send(String json) throws IOException {
        return write(json + "\n");
    }

    /** Writes exactly these characters: a device's framing, magic prefix and CRLF included. */
    LineClient write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return this;
    }

    /** The next line as text, without its line ending. */
    String readLine() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        return line;
    }

    JsonNode read() throws IOException {
        return JSON.readTree(readLine());
    }

    /** The next line if one comes within the given time. */
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
