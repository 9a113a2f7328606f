package io.alarmhub.gateway.device.hemu.live;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The RTP packets of a talk, read back field by field as RFC 3550 lays the fixed header out. */
class RtpPacketsTest {

    private static final int SSRC = 0xCAFEBABE;

    private static byte[] frame(int value) {
        byte[] alaw = new byte[TalkFrames.SAMPLES];
        Arrays.fill(alaw, (byte) value);
        return alaw;
    }

    @Test
    void aPacketIsVersion2PcmaWithTheTalksSsrcThenItsAlaw() {
        byte[] packet = new RtpPackets(SSRC, 1000, 5000).next(frame(0xD5));

        ByteBuffer header = ByteBuffer.wrap(packet);
        assertThat(packet).hasSize(RtpPackets.HEADER_BYTES + TalkFrames.SAMPLES);
        assertThat(header.get(0) & 0xC0).as("version").isEqualTo(0x80);
        assertThat(header.get(0) & 0x3F).as("no padding, extension or CSRC").isZero();
        assertThat(header.get(1) & 0x7F).as("payload type").isEqualTo(8);
        assertThat(header.getShort(2) & 0xFFFF).isEqualTo(1000);
        assertThat(header.getInt(4)).isEqualTo(5000);
        assertThat(header.getInt(8)).isEqualTo(SSRC);
        assertThat(Arrays.copyOfRange(packet, 12, packet.length)).isEqualTo(frame(0xD5));
    }

    @Test
    void eachPacketCountsOneMoreSequenceNumberAnd160MoreSamplesWrappingBothAndOnlyTheFirstIsMarked() {
        RtpPackets packets = new RtpPackets(SSRC, 0xFFFF, -160);

        ByteBuffer first = ByteBuffer.wrap(packets.next(frame(1)));
        ByteBuffer second = ByteBuffer.wrap(packets.next(frame(2)));
        ByteBuffer third = ByteBuffer.wrap(packets.next(frame(3)));

        assertThat(first.get(1) & 0x80).as("marker: the talkspurt starts").isEqualTo(0x80);
        assertThat(second.get(1) & 0x80).isZero();
        assertThat(third.get(1) & 0x80).isZero();
        assertThat(first.getShort(2) & 0xFFFF).isEqualTo(0xFFFF);
        assertThat(second.getShort(2) & 0xFFFF).isZero();
        assertThat(third.getShort(2) & 0xFFFF).isEqualTo(1);
        assertThat(Integer.toUnsignedLong(first.getInt(4))).isEqualTo(0xFFFF_FF60L);
        assertThat(second.getInt(4)).isZero();
        assertThat(third.getInt(4)).isEqualTo(160);
        assertThat(third.getInt(8)).isEqualTo(SSRC);
    }
}
