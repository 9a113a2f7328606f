package io.alarmhub.gateway.push.websocket;

import io.alarmhub.gateway.push.websocket.RoomRegistry.Kind;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomRegistryTest {

    private final RoomRegistry rooms = new RoomRegistry();
    private final Channel door = new EmbeddedChannel();
    private final Channel wall = new EmbeddedChannel();
    private final Channel phone = new EmbeddedChannel();

    @Test
    void aCaptureRoomWithOneSenderIsOneToManyAndWithTwoManyToMany() {
        rooms.join(Kind.CAPTURE, "r", 0, door);
        rooms.join(Kind.CAPTURE, "r", 1, phone);
        assertThat(counts()).containsExactly(0, 1, 0);

        rooms.join(Kind.CAPTURE, "r", 0, wall);
        assertThat(counts()).containsExactly(0, 0, 1);

        rooms.leave(Kind.CAPTURE, "r", 0, wall);
        assertThat(counts()).containsExactly(0, 1, 0);
    }

    @Test
    void aRoomDisappearsWithItsLastPeer() {
        rooms.join(Kind.INTERCOM, "r", 0, door);
        rooms.join(Kind.CAPTURE, "r", 1, phone);
        assertThat(counts()).containsExactly(1, 1, 0);

        rooms.leave(Kind.INTERCOM, "r", 0, door);
        rooms.leave(Kind.CAPTURE, "r", 1, phone);
        assertThat(counts()).containsExactly(0, 0, 0);
        assertThat(rooms.opposite(Kind.CAPTURE, "r", 0)).isEmpty();
    }

    @Test
    void eachSideSeesOnlyTheOtherSideOfItsOwnRoomAndKind() {
        rooms.join(Kind.CAPTURE, "r", 0, door);
        rooms.join(Kind.CAPTURE, "r", 0, wall);
        rooms.join(Kind.CAPTURE, "r", 1, phone);
        rooms.join(Kind.INTERCOM, "r", 1, wall);

        assertThat(rooms.opposite(Kind.CAPTURE, "r", 0)).containsExactly(phone);
        assertThat(rooms.opposite(Kind.CAPTURE, "r", 1)).containsExactlyInAnyOrder(door, wall);
        assertThat(rooms.opposite(Kind.INTERCOM, "r", 0)).containsExactly(wall);
        assertThat(rooms.opposite(Kind.INTERCOM, "r", 1)).isEmpty();
        assertThat(rooms.opposite(Kind.CAPTURE, "other", 1)).isEmpty();
    }

    private int[] counts() {
        return new int[] {rooms.oneToOne(), rooms.oneToMany(), rooms.manyToMany()};
    }
}
