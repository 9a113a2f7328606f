package io.alarmhub.gateway.push.websocket;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Presence;
import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketControlHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new WebSocketControlHandler(new PushMetrics(registry, Face.WEBSOCKET, new Presence())));

    @AfterEach
    void finish() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aQuietConnectionIsPingedFirstAndClosedWhenItStaysQuiet() {
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(channel.<Object>readOutbound()).isInstanceOf(PingWebSocketFrame.class);
        assertThat(channel.isActive()).isTrue();

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        CloseWebSocketFrame close = channel.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1000);
        close.release();
        assertThat(channel.isActive()).isFalse();
        assertThat(registry.get("alarmhub.push.closed").tag("reason", "idle").counter().count()).isEqualTo(1);
    }

    @Test
    void aPingIsAnsweredWithItsPayload() {
        channel.writeInbound(new PingWebSocketFrame(Unpooled.copiedBuffer("p1", StandardCharsets.UTF_8)));
        PongWebSocketFrame pong = channel.readOutbound();
        assertThat(pong.content().toString(StandardCharsets.UTF_8)).isEqualTo("p1");
        pong.release();
        assertThat(channel.<Object>readInbound()).isNull();
    }

    @Test
    void aCloseIsEchoedAndEndsTheConnection() {
        channel.writeInbound(new CloseWebSocketFrame(1001, "going away"));
        CloseWebSocketFrame echo = channel.readOutbound();
        assertThat(echo.statusCode()).isEqualTo(1001);
        echo.release();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void dataFramesPassThrough() {
        channel.writeInbound(new TextWebSocketFrame("x"));
        TextWebSocketFrame frame = channel.readInbound();
        assertThat(frame.text()).isEqualTo("x");
        frame.release();
    }
}
