package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.device.hemu.HedgwSettings;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.TDMediaPackage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two-way talk's last step: a package of voice ({@link HedgwMessages#talk}) written by {@link HedgwLink#sendTalk}
 * on a camera's live connection (an EmbeddedChannel with the HEDGW's frame encoder), as the camera reads it.
 */
class TalkOverHedgwTest {

    private static final String DEVICE = "110234567894562";
    private static final MediaFormat FORMAT = new MediaFormat(1, 640, 360, 2, 8, 1);

    private final HedgwSessions sessions = new HedgwSessions(HedgwSettings.DEFAULT);
    private final HedgwLink link = new HedgwLink(sessions);
    private final EmbeddedChannel camera = new EmbeddedChannel(HedgwFrameEncoder.INSTANCE);

    @AfterEach
    void close() {
        camera.finishAndReleaseAll();
    }

    @Test
    void aTalkPackageReachesTheCamerasLiveConnectionAsAnAudioMediaPackage() throws Exception {
        sessions.attach(new HedgwSessions.Session(DEVICE, 0, camera, FORMAT));
        byte[] rtp = new byte[172];
        Arrays.fill(rtp, (byte) 0xD5);

        boolean sent = link.sendTalk(DEVICE, HedgwMessages.talk(rtp, -20, -1, 1_796_644_800_000L));

        assertThat(sent).isTrue();
        TDMediaPackage p = written().getTdMediaPackage();
        assertThat(p.getPackageType()).isEqualTo(1);
        assertThat(p.getSync()).isZero();
        assertThat(p.getData().toByteArray()).isEqualTo(rtp);
        assertThat(p.getDataSize()).isEqualTo(172);
        assertThat(Integer.toUnsignedLong(p.getStartTime())).as("a uint32 past 2^31").isEqualTo(4_294_967_276L);
        assertThat(Integer.toUnsignedLong(p.getSeqNum())).isEqualTo(4_294_967_295L);
        assertThat(p.getIpcamTime()).isEqualTo(1_796_644_800_000L);
        assertThat(p.hasControlFlag()).isFalse();
    }

    @Test
    void withoutALiveConnectionOrOnOneThatIsNotWritableThePackageIsDroppedNotQueued() {
        HEDGWMessage talk = HedgwMessages.talk(new byte[172], 0, 0, 0);
        assertThat(link.sendTalk(DEVICE, talk)).as("not connected").isFalse();

        sessions.attach(new HedgwSessions.Session(DEVICE, 1, camera, FORMAT));
        assertThat(link.sendTalk(DEVICE, talk)).as("the SD-card channel has no speaker").isFalse();

        sessions.attach(new HedgwSessions.Session(DEVICE, 0, camera, FORMAT));
        camera.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(link.sendTalk(DEVICE, talk)).as("not writable").isFalse();

        assertThat((Object) camera.readOutbound()).isNull();
    }

    /** The one frame the camera was sent: a 4-byte length, then the message. */
    private HEDGWMessage written() throws Exception {
        ByteBuf frame = camera.readOutbound();
        try {
            assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
            HEDGWMessage message = HEDGWMessage.parseFrom(ByteBufUtil.getBytes(frame));
            assertThat(message.getMessageType()).isEqualTo(MessageType.TDMediaPackage);
            assertThat(HedgwMessages.type(message)).contains(MessageType.TDMediaPackage);
            return message;
        } finally {
            frame.release();
        }
    }
}
