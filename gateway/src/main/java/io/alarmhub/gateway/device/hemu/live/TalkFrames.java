package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.video.audio.ALaw;
import io.netty.buffer.ByteBuf;

import java.util.function.Consumer;

/**
 * Cuts a talker's sound, in messages of any size, into 20 ms frames of A-law (160 samples at 8 kHz), the packets the
 * camera plays. PCM is compressed on the way ({@link ALaw}); a sample split across two messages is joined. What is
 * held between messages is bounded: less than one frame, and half a sample.
 *
 * <p>Not thread-safe: one talk's messages are read on its connection's event loop.
 */
final class TalkFrames {

    /** 20 ms at 8 kHz: the packet size of the document's cameras (20 or 40 ms), and the shorter delay. */
    static final int SAMPLES = 160;

    private final TalkFormat format;
    private final byte[] frame = new byte[SAMPLES];
    private int filled;
    /** The low byte of a PCM sample whose high byte is the next message's first, or -1. */
    private int lowByte = -1;

    TalkFrames(TalkFormat format) {
        this.format = format;
    }

    /** Reads all of {@code sound}, handing each frame it completes to {@code frames} (a new array each). */
    void accept(ByteBuf sound, Consumer<byte[]> frames) {
        while (sound.isReadable()) {
            if (format == TalkFormat.ALAW) {
                int n = Math.min(SAMPLES - filled, sound.readableBytes());
                sound.readBytes(frame, filled, n);
                filled += n;
            } else if (!readSample(sound)) {
                return;
            }
            if (filled == SAMPLES) {
                frames.accept(frame.clone());
                filled = 0;
            }
        }
    }

    /** Compresses one PCM sample into the frame; false when only its low byte was left to read. */
    private boolean readSample(ByteBuf sound) {
        int low;
        if (lowByte >= 0) {
            low = lowByte;
            lowByte = -1;
        } else if (sound.readableBytes() == 1) {
            lowByte = sound.readUnsignedByte();
            return false;
        } else {
            low = sound.readUnsignedByte();
        }
        int high = sound.readByte();
        frame[filled++] = ALaw.toALaw((high << 8) | low);
        return true;
    }

    /** Samples held for the next frame: under {@link #SAMPLES}. */
    int held() {
        return filled;
    }
}
