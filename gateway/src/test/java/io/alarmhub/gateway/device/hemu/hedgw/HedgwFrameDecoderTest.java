package io.alarmhub.gateway.device.hemu.hedgw;

import com.google.protobuf.ByteString;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class HedgwFrameDecoderTest {

    private final HedgwFrameDecoder decoder = new HedgwFrameDecoder();
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder, HedgwFrameEncoder.INSTANCE);

    @AfterEach
    void noLeftovers() {
        channel.checkException();
        // finish() releases what is left; every buffer written in was read (ByteToMessageDecoder releases it).
        channel.finishAndReleaseAll();
    }

    @Test
    void aFrameSplitByteByByteIsOneMessage() {
        byte[] frame = frame(HedgwMessages.ping(7).toByteArray());
        for (int i = 0; i < frame.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(frame, i, 1));
            assertThat((Object) channel.readInbound()).as("after %d bytes", i + 1).isNull();
        }
        channel.writeInbound(Unpooled.wrappedBuffer(frame, frame.length - 1, 1));
        assertThat(frames()).containsExactly(new HedgwFrame.Message(HedgwMessages.ping(7)));
    }

    @Test
    void twoFramesInOneReadAreTwoMessages() {
        ByteBuf both = Unpooled.buffer();
        both.writeBytes(frame(HedgwMessages.ping(1).toByteArray()));
        both.writeBytes(frame(HedgwMessages.pong(2).toByteArray()));
        channel.writeInbound(both);
        assertThat(frames()).containsExactly(new HedgwFrame.Message(HedgwMessages.ping(1)),
                new HedgwFrame.Message(HedgwMessages.pong(2)));
    }

    @Test
    void aZeroLengthEndsTheStream() {
        ByteBuf in = Unpooled.buffer().writeInt(0).writeBytes(frame(HedgwMessages.ping(1).toByteArray()));
        channel.writeInbound(in);
        channel.writeInbound(Unpooled.wrappedBuffer(frame(HedgwMessages.ping(2).toByteArray())));
        List<HedgwFrame> frames = frames();
        assertThat(frames).hasSize(1);
        HedgwFrame.Bad bad = (HedgwFrame.Bad) frames.get(0);
        assertThat(bad.reason()).isEqualTo(HedgwFrame.Reason.ZERO_LENGTH);
        assertThat(bad.tag()).isEqualTo("zero_length");
        assertThat(bad.reason().endsStream()).isTrue();
        assertThat(decoder.discarding()).isTrue();
    }

    @Test
    void aLargeFrameIsTooLongBeforeLoginAndFineAfter() {
        HEDGWMessage media = media(5000);
        channel.writeInbound(Unpooled.wrappedBuffer(frame(media.toByteArray())));
        HedgwFrame.Bad bad = (HedgwFrame.Bad) single();
        assertThat(bad.reason()).isEqualTo(HedgwFrame.Reason.TOO_LONG);
        assertThat(bad.tag()).isEqualTo("too_long");
        assertThat(bad.detail()).contains("4096", "before login");

        HedgwFrameDecoder after = new HedgwFrameDecoder();
        after.loggedIn();
        EmbeddedChannel loggedIn = new EmbeddedChannel(after);
        loggedIn.writeInbound(Unpooled.wrappedBuffer(frame(media.toByteArray())));
        assertThat((Object) loggedIn.readInbound()).isEqualTo(new HedgwFrame.Message(media));
        assertThat(after.maxFrame()).isEqualTo(HedgwFrameDecoder.DEFAULT_MAX_FRAME_AFTER_LOGIN);
        assertThat(loggedIn.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aTooLongLengthIsRefusedAfterItsFourBytes() {
        ByteBuf length = Unpooled.buffer().writeInt(HedgwFrameDecoder.DEFAULT_MAX_FRAME_BEFORE_LOGIN + 1);
        channel.writeInbound(length.retainedSlice(0, 3));
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(length.skipBytes(3));
        assertThat(((HedgwFrame.Bad) single()).reason()).isEqualTo(HedgwFrame.Reason.TOO_LONG);
        // The body that follows is dropped, not collected.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[10_000]));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aLengthWithTheTopBitSetIsTooLongNotNegative() {
        channel.writeInbound(Unpooled.buffer().writeInt(0xffff_fff0));
        HedgwFrame.Bad bad = (HedgwFrame.Bad) single();
        assertThat(bad.reason()).isEqualTo(HedgwFrame.Reason.TOO_LONG);
        assertThat(bad.detail()).contains("4294967280");
    }

    @Test
    void aGarbageBodyIsUnparseableAndTheNextFrameStillDecodes() {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(frame(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}));
        in.writeBytes(frame(HedgwMessages.pong(3).toByteArray()));
        channel.writeInbound(in);
        List<HedgwFrame> frames = frames();
        assertThat(frames).hasSize(2);
        HedgwFrame.Bad bad = (HedgwFrame.Bad) frames.get(0);
        assertThat(bad.reason()).isEqualTo(HedgwFrame.Reason.UNPARSEABLE);
        assertThat(bad.tag()).isEqualTo("unparseable");
        assertThat(bad.partial()).isEmpty();
        assertThat(frames.get(1)).isEqualTo(new HedgwFrame.Message(HedgwMessages.pong(3)));
    }

    @Test
    void aStrayEndGroupTagIsUnparseable() {
        // message_type = PING, then END_GROUP of field 1 (0x0c): parsing would stop there without the check.
        channel.writeInbound(Unpooled.wrappedBuffer(frame(new byte[] {0x08, 0x08, 0x0c, 0x4a, 0x02, 0x08, 0x01})));
        assertThat(((HedgwFrame.Bad) single()).reason()).isEqualTo(HedgwFrame.Reason.UNPARSEABLE);
    }

    @Test
    void aLoginMissingARequiredFieldComesWithWhatParsed() {
        HEDGWMessage login = HEDGWMessage.newBuilder()
                .setMessageType(MessageType.DevLoginReq)
                .setDevLoginReq(Hedgw.DevLoginReq.newBuilder().setAccessKey("key").setDeviceMac("aabbccddeeff")
                        .buildPartial())
                .buildPartial();
        channel.writeInbound(Unpooled.wrappedBuffer(frame(login.toByteArray())));
        HedgwFrame.Bad bad = (HedgwFrame.Bad) single();
        assertThat(bad.reason()).isEqualTo(HedgwFrame.Reason.MISSING_REQUIRED);
        assertThat(bad.tag()).isEqualTo("missing_required");
        assertThat(bad.reason().endsStream()).isFalse();
        assertThat(bad.partial()).hasValueSatisfying(partial -> {
            assertThat(partial.getDevLoginReq().getAccessKey()).isEqualTo("key");
            assertThat(partial.getDevLoginReq().getDeviceMac()).isEqualTo("aabbccddeeff");
        });
    }

    @Test
    void aTypeWithoutItsSubmessageIsMissingRequired() {
        HEDGWMessage ping = HEDGWMessage.newBuilder().setMessageType(MessageType.PING).build();
        channel.writeInbound(Unpooled.wrappedBuffer(frame(ping.toByteArray())));
        HedgwFrame.Bad bad = (HedgwFrame.Bad) single();
        assertThat(bad.reason()).isEqualTo(HedgwFrame.Reason.MISSING_REQUIRED);
        assertThat(bad.partial()).contains(ping);
        assertThat(HedgwMessages.type(ping)).isEmpty();
        assertThat(HedgwMessages.type(HedgwMessages.ping(1))).contains(MessageType.PING);
    }

    @Test
    void anUnknownMessageTypeIsMissingRequired() {
        // message_type = 3: no such type; proto2 keeps it as an unknown field, so the field is unset.
        channel.writeInbound(Unpooled.wrappedBuffer(frame(new byte[] {0x08, 0x03})));
        assertThat(((HedgwFrame.Bad) single()).reason()).isEqualTo(HedgwFrame.Reason.MISSING_REQUIRED);
    }

    @Test
    void theEncoderWritesWhatTheDecoderReads() {
        HEDGWMessage answer = HedgwMessages.loginResponse(0, new HedgwMessages.LoginFields(
                Optional.of("2025-01-01 00:00:00"), OptionalInt.of(1), OptionalInt.of(30), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.of(-1)));
        List<HEDGWMessage> sent = List.of(answer, HedgwMessages.loginResponse(5), HedgwMessages.pong(9),
                media(1000));
        for (HEDGWMessage message : sent) {
            assertThat(channel.writeOutbound(message)).isTrue();
        }
        List<HedgwFrame> read = new ArrayList<>();
        decoder.loggedIn();
        for (ByteBuf out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            assertThat(out.getInt(out.readerIndex())).isEqualTo(out.readableBytes() - HedgwFrameDecoder.LENGTH_BYTES);
            channel.writeInbound(out);
            read.addAll(frames());
        }
        assertThat(read).containsExactlyElementsOf(sent.stream().<HedgwFrame>map(HedgwFrame.Message::new).toList());
        assertThat(answer.getDevLoginResp().getServiceDays()).isEqualTo(-1);
        assertThat(answer.getDevLoginResp().hasSdUploadMode()).isFalse();
    }

    private HedgwFrame single() {
        List<HedgwFrame> frames = frames();
        assertThat(frames).hasSize(1);
        return frames.get(0);
    }

    private List<HedgwFrame> frames() {
        List<HedgwFrame> frames = new ArrayList<>();
        for (Object in = channel.readInbound(); in != null; in = channel.readInbound()) {
            assertThat(in).isInstanceOf(HedgwFrame.class);
            frames.add((HedgwFrame) in);
        }
        return frames;
    }

    /** The length, big-endian, then the body. */
    static byte[] frame(byte[] body) {
        byte[] frame = new byte[HedgwFrameDecoder.LENGTH_BYTES + body.length];
        frame[0] = (byte) (body.length >>> 24);
        frame[1] = (byte) (body.length >>> 16);
        frame[2] = (byte) (body.length >>> 8);
        frame[3] = (byte) body.length;
        System.arraycopy(body, 0, frame, HedgwFrameDecoder.LENGTH_BYTES, body.length);
        return frame;
    }

    private static HEDGWMessage media(int size) {
        return HEDGWMessage.newBuilder()
                .setMessageType(MessageType.TDMediaPackage)
                .setTdMediaPackage(Hedgw.TDMediaPackage.newBuilder()
                        .setPackageType(1).setSync(0).setData(ByteString.copyFrom(new byte[size]))
                        .setDataSize(size).setStartTime(0).setSeqNum(1))
                .build();
    }
}
