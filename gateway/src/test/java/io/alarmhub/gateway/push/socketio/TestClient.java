package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/** A socket.io client under test's control, whichever library and version it is. */
interface TestClient extends AutoCloseable {

    /** How the client names its alias when it connects. */
    enum Naming {
        /** The handshake query {@code alias=…}. */
        QUERY,
        /** The {@code auth} object of v3/v4 clients. */
        AUTH,
        /** Not at all: the first heartbeat will. */
        NONE
    }

    /** Emits an event with these arguments (objects, strings, numbers: whatever a client may send). */
    void emit(String event, JsonNode... args);

    /** Emits an event with one argument and an ack callback; the ack arrives as event {@code ack:<tag>}. */
    void emitWithAck(String event, String tag, JsonNode arg);

    /** The oldest event of that name not taken yet, waiting for it. */
    Inbox.Received take(String event);

    /** Whether an event of that name has arrived and not been taken, without waiting for one. */
    boolean holds(String event);

    @Override
    void close();
}
