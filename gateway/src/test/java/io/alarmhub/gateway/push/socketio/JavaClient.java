package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.client.SocketOptionBuilder;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The Java {@code io.socket:socket.io-client} (2.x, Engine.IO 4), as apps on the JVM and Android use it. */
final class JavaClient implements TestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final Inbox inbox;

    private JavaClient(Socket socket, String name) {
        this.socket = socket;
        this.inbox = new Inbox(name);
        socket.onAnyIncoming(args -> inbox.add(new Inbox.Received(String.valueOf(args[0]),
                toJson(Arrays.copyOfRange(args, 1, args.length)))));
        socket.on(Socket.EVENT_CONNECT, args -> inbox.add(new Inbox.Received("connect", List.of())));
        socket.on(Socket.EVENT_DISCONNECT, args -> inbox.add(new Inbox.Received("disconnect", toJson(args))));
    }

    static JavaClient connect(int port, String alias, Naming naming) {
        SocketOptionBuilder options = IO.Options.builder().setForceNew(true).setReconnection(false);
        if (naming == Naming.QUERY) {
            options.setQuery("alias=" + alias);
        } else if (naming == Naming.AUTH) {
            options.setAuth(Map.of("alias", alias));
        }
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port), options.build());
        JavaClient client = new JavaClient(socket, "java " + alias);
        socket.connect();
        return client;
    }

    @Override
    public void emit(String event, JsonNode... args) {
        socket.emit(event, Arrays.stream(args).map(JavaClient::toOrgJson).toArray());
    }

    @Override
    public void emitWithAck(String event, String tag, JsonNode arg) {
        Ack ack = args -> inbox.add(new Inbox.Received("ack:" + tag, toJson(args)));
        socket.emit(event, new Object[] {toOrgJson(arg)}, ack);
    }

    @Override
    public Inbox.Received take(String event) {
        return inbox.take(event);
    }

    @Override
    public boolean holds(String event) {
        return inbox.holds(event);
    }

    @Override
    public void close() {
        socket.close();
    }

    private static Object toOrgJson(JsonNode node) {
        try {
            if (node.isObject()) {
                return new JSONObject(node.toString());
            }
            if (node.isArray()) {
                return new JSONArray(node.toString());
            }
        } catch (JSONException e) {
            throw new IllegalArgumentException(e);
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isNull()) {
            return JSONObject.NULL;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.numberValue();
    }

    private static List<JsonNode> toJson(Object[] args) {
        List<JsonNode> json = new ArrayList<>();
        for (Object arg : args) {
            try {
                if (arg == null || arg == JSONObject.NULL) {
                    json.add(NullNode.getInstance());
                } else if (arg instanceof JSONObject || arg instanceof JSONArray) {
                    json.add(JSON.readTree(arg.toString()));
                } else if (arg instanceof String text) {
                    json.add(TextNode.valueOf(text));
                } else {
                    json.add(JSON.valueToTree(arg));
                }
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable socket.io argument " + arg, e);
            }
        }
        return json;
    }
}
