package io.alarmhub.gateway.push.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.core.message.Message;
import io.alarmhub.gateway.push.tcp.PushFraming;
import io.alarmhub.gateway.push.tcp.PushedJson;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

/** {@code /ws}: each reply or push is one text frame; closing for bad input says so with 1008. */
final class TextFrames implements PushFraming {

    static final TextFrames INSTANCE = new TextFrames();

    private TextFrames() {
    }

    @Override
    public Object frame(ByteBufAllocator alloc, JsonNode json) {
        return new TextWebSocketFrame(PushFraming.json(alloc, json));
    }

    @Override
    public Object pushed(ByteBufAllocator alloc, Message message, String alias) {
        return new TextWebSocketFrame(PushedJson.write(alloc.buffer(), message, alias));
    }

    @Override
    public Object farewell(String reason) {
        return new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, reason);
    }
}
