package io.alarmhub.gateway.push.websocket;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Presence;
import io.alarmhub.gateway.push.tcp.PushMetrics;
import io.alarmhub.gateway.push.websocket.RoomRegistry.Kind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Relaying in a capture room, on embedded channels: the sender's pipeline from the aggregator on. */
class RoomPeerHandlerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Presence presence = new Presence();
    private final PushMetrics metrics = new PushMetrics(registry, Face.WEBSOCKET, presence);
    private final RoomRegistry rooms = new RoomRegistry();
    private final EmbeddedChannel phone1 = new EmbeddedChannel();
    private final EmbeddedChannel phone2 = new EmbeddedChannel();
    private final EmbeddedChannel door = new EmbeddedChannel(
            new BoundedFrameAggregator(16, metrics),
            new RoomPeerHandler(rooms, Kind.CAPTURE, "r", 0, presence, metrics));

    @AfterEach
    void finish() {
        for (EmbeddedChannel ch : new EmbeddedChannel[] {door, phone1, phone2}) {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void theDoorJoinsItsRoomAndIsCountedUntilItCloses() {
        assertThat(rooms.oneToMany()).isEqualTo(1);
        assertThat(presence.connections(Face.WEBSOCKET)).isEqualTo(1);
        door.close();
        assertThat(rooms.oneToMany()).isZero();
        assertThat(presence.connections(Face.WEBSOCKET)).isZero();
    }

    @Test
    void framesKeepTheirTypeAndReachEveryPhone() {
        join(phone1, phone2);
        door.writeInbound(new TextWebSocketFrame("snap"));
        door.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2})));
        for (EmbeddedChannel phone : new EmbeddedChannel[] {phone1, phone2}) {
            assertText(phone.readOutbound(), "snap");
            BinaryWebSocketFrame binary = phone.readOutbound();
            assertThat(binary.content().readableBytes()).isEqualTo(2);
            binary.release();
        }
    }

    @Test
    void aFragmentedMessageIsRelayedAsOneFrame() {
        join(phone1);
        door.writeInbound(new TextWebSocketFrame(false, 0, "sn"));
        assertThat(phone1.<Object>readOutbound()).isNull();
        door.writeInbound(new ContinuationWebSocketFrame(true, 0, "ap"));
        assertText(phone1.readOutbound(), "snap");
    }

    @Test
    void aPhonePastItsWriteWatermarkMissesTheFrameAndTheDropIsCounted() {
        join(phone1, phone2);
        phone2.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        phone2.write(Unpooled.wrappedBuffer(new byte[8])); // written, not flushed: the phone is not reading
        assertThat(phone2.isWritable()).isFalse();

        door.writeInbound(new TextWebSocketFrame("snap"));

        assertText(phone1.readOutbound(), "snap");
        assertThat(phone2.<Object>readOutbound()).isNull();
        assertThat(registry.get("alarmhub.push.relay_dropped").counter().count()).isEqualTo(1);
    }

    @Test
    void fragmentsAddingUpPastTheLimitCloseTheSenderWith1009() {
        join(phone1);
        door.writeInbound(new TextWebSocketFrame(false, 0, "0123456789"));
        door.writeInbound(new ContinuationWebSocketFrame(true, 0, "0123456789"));

        CloseWebSocketFrame close = door.readOutbound();
        assertThat(close.statusCode()).isEqualTo(1009);
        close.release();
        assertThat(door.isActive()).isFalse();
        assertThat(phone1.<Object>readOutbound()).isNull();
        assertThat(registry.get("alarmhub.push.bad_input").tag("reason", "oversized").counter().count())
                .isEqualTo(1);
    }

    private void join(EmbeddedChannel... phones) {
        for (EmbeddedChannel phone : phones) {
            rooms.join(Kind.CAPTURE, "r", 1, phone);
        }
    }

    private static void assertText(WebSocketFrame frame, String text) {
        assertThat(frame).isInstanceOf(TextWebSocketFrame.class);
        assertThat(((TextWebSocketFrame) frame).text()).isEqualTo(text);
        frame.release();
    }
}
