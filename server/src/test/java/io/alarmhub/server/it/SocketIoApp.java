package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONException;
import org.json.JSONObject;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An app on the Java io.socket client, naming its alias in the handshake; events arrive in order in a queue. */
final class SocketIoApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final Socket socket;

    SocketIoApp(int port, String alias) {
        IO.Options options = IO.Options.builder().setQuery("alias=" + alias).setForceNew(true)
                .setReconnection(false).build();
        socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
        for (String event : new String[] {"connect_c", "push", "prove_alias_c", "device_command_c"}) {
            socket.on(event, args -> {
                try {
                    events.add(JSON.createObjectNode().put("event", event)
                            .set("data", JSON.readTree(args[0].toString())));
                } catch (Exception e) {
                    // say what came, so that a failure shows it
                    events.add(JSON.createObjectNode().put("event", "unreadable " + event)
                            .put("args", Arrays.toString(args)).put("error", String.valueOf(e)));
                }
            });
        }
        socket.connect();
    }

    /** Emits an event with one JSON object as its payload. */
    SocketIoApp emit(String event, String json) {
        try {
            socket.emit(event, new JSONObject(json));
        } catch (JSONException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
        return this;
    }

    /** The next event: {@code {"event":name,"data":payload}}. */
    JsonNode next() throws InterruptedException {
        JsonNode event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no Socket.IO event within 10 s");
        }
        return event;
    }

    /** The payload of the next {@code push} event. */
    JsonNode nextPush() throws InterruptedException {
        JsonNode event = next();
        if (!"push".equals(event.get("event").asText())) {
            throw new AssertionError("expected a push, got " + event);
        }
        return event.get("data");
    }

    @Override
    public void close() {
        socket.close();
    }
}
