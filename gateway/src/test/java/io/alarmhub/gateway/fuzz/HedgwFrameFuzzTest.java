package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwFrame;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwFrameDecoder;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwFrameEncoder;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HEDGW frame decoder under arbitrary camera bytes (no handler yet: the protocol layer only).
 *
 * <p>Byte 0 of the input says whether the camera has logged in (its low bit: the larger limit); the rest
 * is the stream, sent whole on one channel and in pieces of 1 to 16 bytes on another. The limits are small
 * (64 and 512 bytes) so that the fuzzer reaches TOO_LONG within its input length. Asserted, for every input:
 * <ul>
 *   <li>nothing escapes: no exception from the pipeline;</li>
 *   <li>every output is a {@link HedgwFrame}; a bad length is the last one; only MISSING_REQUIRED carries a
 *       partial message; a {@code Message} is initialized and carries the submessage its type names;</li>
 *   <li>how the bytes arrive changes nothing: both channels decode the same frames;</li>
 *   <li>a decoded message encodes to a frame that decodes to it again;</li>
 *   <li>no buffer leaks ({@link Watch}, Netty at paranoid).</li>
 * </ul>
 */
class HedgwFrameFuzzTest {

    private static final int BEFORE_LOGIN = 64;
    private static final int AFTER_LOGIN = 512;

    private static Watch watch;
    private static long inputs;

    @BeforeAll
    static void watch() {
        watch = Watch.install();
    }

    @AfterAll
    static void noLeaks() {
        watch.check();
    }

    @FuzzTest(maxDuration = "30s")
    void cameraBytes(byte[] input) {
        boolean loggedIn = input.length > 0 && (input[0] & 1) == 1;
        int from = Math.min(1, input.length);
        EmbeddedChannel whole = channel(loggedIn);
        EmbeddedChannel pieces = channel(loggedIn);
        try {
            whole.writeInbound(Unpooled.copiedBuffer(input, from, input.length - from));
            for (int at = from; at < input.length; ) {
                int size = Math.min(input.length - at, 1 + (input[at] & 0x0f));
                pieces.writeInbound(Unpooled.copiedBuffer(input, at, size));
                at += size;
            }
            whole.checkException();
            pieces.checkException();
            List<HedgwFrame> frames = frames(whole);
            assertThat(frames(pieces)).as("frames of the same bytes in pieces").isEqualTo(frames);
            for (int i = 0; i < frames.size(); i++) {
                check(frames.get(i), i == frames.size() - 1);
            }
        } finally {
            whole.finishAndReleaseAll();
            pieces.finishAndReleaseAll();
        }
        watch.checkExceptions();
        if (++inputs % FuzzMode.LEAK_CHECK_EVERY == 0) {
            watch.check();
        }
    }

    private static EmbeddedChannel channel(boolean loggedIn) {
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(BEFORE_LOGIN, AFTER_LOGIN);
        if (loggedIn) {
            decoder.loggedIn();
        }
        return new EmbeddedChannel(decoder);
    }

    private static void check(HedgwFrame frame, boolean last) {
        if (frame instanceof HedgwFrame.Bad bad) {
            assertThat(bad.reason().endsStream() && !last).as("a frame after %s", bad).isFalse();
            assertThat(bad.partial().isPresent()).as("partial of %s", bad)
                    .isEqualTo(bad.reason() == HedgwFrame.Reason.MISSING_REQUIRED);
            assertThat(bad.tag()).matches("[a-z_]+");
        } else if (frame instanceof HedgwFrame.Message message) {
            assertThat(message.message().isInitialized()).isTrue();
            assertThat(HedgwMessages.type(message.message())).isPresent();
            roundTrip(message);
        }
    }

    /** Encoded and decoded again (with the larger limit: encoding may not shrink it), the message is the same. */
    private static void roundTrip(HedgwFrame.Message message) {
        EmbeddedChannel encoder = new EmbeddedChannel(HedgwFrameEncoder.INSTANCE);
        HedgwFrameDecoder decoder = new HedgwFrameDecoder(AFTER_LOGIN, AFTER_LOGIN * 2);
        EmbeddedChannel decoding = new EmbeddedChannel(decoder);
        try {
            encoder.writeOutbound(message.message());
            for (ByteBuf out = encoder.readOutbound(); out != null; out = encoder.readOutbound()) {
                decoding.writeInbound(out);
            }
            assertThat(frames(decoding)).containsExactly(message);
        } finally {
            encoder.finishAndReleaseAll();
            decoding.finishAndReleaseAll();
        }
    }

    private static List<HedgwFrame> frames(EmbeddedChannel channel) {
        List<HedgwFrame> frames = new ArrayList<>();
        for (Object out = channel.readInbound(); out != null; out = channel.readInbound()) {
            assertThat(out).as("decoder output").isInstanceOf(HedgwFrame.class);
            frames.add((HedgwFrame) out);
        }
        return frames;
    }
}
