package io.alarmhub.gateway.push.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.push.tcp.PushServers;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocketServer client on the JDK's {@link WebSocket}: whole messages land in a queue, text as
 * {@link String}, binary as {@code byte[]}. Waits are bounded by 10 s as a safety net.
 */
public final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    /** The status code of the server's close frame, or -1 when the connection ended without one. */
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(int port, String path) throws ExecutionException, InterruptedException, TimeoutException {
        socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new Collector())
                .get(10, TimeUnit.SECONDS);
    }

    /** Connects, or fails with the handshake's failure as the cause of an {@link ExecutionException}. */
    public static WsClient connect(int port, String path) throws ExecutionException, InterruptedException, TimeoutException {
        return new WsClient(port, path);
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    WsClient send(byte[] binary) {
        socket.sendBinary(ByteBuffer.wrap(binary), true).join();
        return this;
    }

    Object next() throws InterruptedException {
        Object message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message within 10 s");
        }
        return message;
    }

    String nextText() throws InterruptedException {
        return (String) next();
    }

    public JsonNode nextJson() throws InterruptedException {
        return PushServers.json(nextText());
    }

    /** Waits for the connection to end; the status of the server's close frame, or -1 if it sent none. */
    int closeStatus() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!closed.isDone() && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }
}
