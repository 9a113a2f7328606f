package io.alarmhub.gateway.device.hemu.live;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** How a viewer's FLV travels: as the chunks of one HTTP response, or as WebSocket binary messages. */
enum Transport {

    /** HTTP-FLV: each piece a chunk; the end is the last chunk, after which the connection closes. */
    HTTP("http") {
        @Override
        Object piece(ByteBuf flv) {
            return new DefaultHttpContent(flv);
        }

        @Override
        Object end(Ending ending) {
            return LastHttpContent.EMPTY_LAST_CONTENT;
        }
    },

    /** WS-FLV: each piece one binary message; the end a close frame saying why. */
    WEBSOCKET("websocket") {
        @Override
        Object piece(ByteBuf flv) {
            return new BinaryWebSocketFrame(flv);
        }

        @Override
        Object end(Ending ending) {
            return new CloseWebSocketFrame(ending.status(), ending.reason());
        }
    };

    /** Why the server ends a stream, as a WebSocket viewer is told. */
    enum Ending {
        CAMERA_GONE(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "camera gone"),
        CAMERA_FULL(WebSocketCloseStatus.TRY_AGAIN_LATER, "camera full");

        private final WebSocketCloseStatus status;
        private final String reason;

        Ending(WebSocketCloseStatus status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        WebSocketCloseStatus status() {
            return status;
        }

        String reason() {
            return reason;
        }
    }

    private final String word;

    Transport(String word) {
        this.word = word;
    }

    /** Its tag in {@link LiveMetrics#VIEWERS}. */
    String word() {
        return word;
    }

    /** One piece of FLV (the header, a tag) as this transport writes it; takes over {@code flv}. */
    abstract Object piece(ByteBuf flv);

    /** What ends the stream before the connection closes. */
    abstract Object end(Ending ending);
}
