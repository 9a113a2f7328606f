package io.alarmhub.gateway.device.jovision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A Jovision device on a plain {@link Socket}, reading raw bytes so that replies can be compared byte for
 * byte. Reads wait at most 10 s: a safety net that turns a missing reply into a failure.
 */
final class DeviceSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    DeviceSocket(int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends text as UTF-8, as is: the caller writes the line ends. */
    DeviceSocket send(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next reply's bytes up to and including its {@code \n}. */
    byte[] readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); ; b = in.read()) {
                if (b < 0) {
                    throw new AssertionError("the server closed the connection after " + line);
                }
                line.write(b);
                if (b == '\n') {
                    return line.toByteArray();
                }
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within 10 s, got " + line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the server has closed the connection (waiting up to 10 s), false if it sent more. */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
