package io.alarmhub.gateway.device.hemu.live;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A viewer turned away before it is sent any video, or a talker before its WebSocket opens: its status, a fixed word
 * for metrics and what it is told.
 * Thrown by the checks, answered by {@link LiveRouter}; without a stack trace, since it is an answer, not a fault.
 */
final class LiveRefusal extends RuntimeException {

    /** Why, with the status it is answered with and its word in {@link LiveMetrics#REFUSED}. */
    enum Reason {
        MALFORMED(HttpResponseStatus.BAD_REQUEST, "malformed"),
        NOT_FOUND(HttpResponseStatus.NOT_FOUND, "not_found"),
        METHOD(HttpResponseStatus.METHOD_NOT_ALLOWED, "method"),
        SIGNATURE(HttpResponseStatus.FORBIDDEN, "signature"),
        EXPIRED(HttpResponseStatus.FORBIDDEN, "expired"),
        ALIAS_TOKEN(HttpResponseStatus.FORBIDDEN, "alias_token"),
        NOT_OWNER(HttpResponseStatus.FORBIDDEN, "not_owner"),
        NOT_STREAMING(HttpResponseStatus.NOT_FOUND, "not_streaming"),
        CAMERA_FULL(HttpResponseStatus.SERVICE_UNAVAILABLE, "camera_full"),
        NODE_FULL(HttpResponseStatus.SERVICE_UNAVAILABLE, "node_full"),
        HANDSHAKE(HttpResponseStatus.BAD_REQUEST, "handshake"),
        /** Talk: a request without a WebSocket upgrade. */
        NOT_WEBSOCKET(HttpResponseStatus.UPGRADE_REQUIRED, "not_websocket"),
        /** Talk: the camera has no live connection on this node. */
        NOT_CONNECTED(HttpResponseStatus.NOT_FOUND, "not_connected"),
        /** Talk: someone else talks to the camera now. */
        TALKING(HttpResponseStatus.CONFLICT, "talking");

        private final HttpResponseStatus status;
        private final String word;

        Reason(HttpResponseStatus status, String word) {
            this.status = status;
            this.word = word;
        }

        HttpResponseStatus status() {
            return status;
        }

        String word() {
            return word;
        }
    }

    private final Reason reason;

    LiveRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
