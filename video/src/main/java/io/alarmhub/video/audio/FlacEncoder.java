package io.alarmhub.video.audio;

import io.alarmhub.video.VideoException;
import java.util.Arrays;
import java.util.Objects;

/**
 * 16-bit mono PCM into FLAC frames, one frame per camera packet, for one stream (it reuses its buffers, so it
 * is not thread-safe). Frames are of the variable-blocksize kind: each carries the stream's number of its first
 * sample instead of a frame number, so packets of 20 and 40 ms can follow one another.
 *
 * <p>Each frame's one subframe is the smallest of CONSTANT (silence), VERBATIM and the FIXED predictors of
 * order 0 to 4 with a single Rice partition whose parameter follows from the residuals' mean.
 */
public final class FlacEncoder {

    /** The fewest samples a frame may hold (FLAC's own minimum but for a stream's last frame). */
    public static final int MIN_BLOCK = 16;
    /** The most samples a frame may hold: 576 ms at 8 kHz, far above a camera packet. */
    public static final int MAX_BLOCK = 4608;

    /**
     * FLAC codes sample numbers in up to 36 bits, but ffmpeg (and so the browsers built on it) reads at most 31,
     * so numbers wrap at 2^31: after 74 days of 8 kHz audio, where only a raw FLAC file would notice.
     */
    private static final long SAMPLE_NUMBER_MASK = (1L << 31) - 1;
    /** Header (at most 16 bytes), the subframe header, VERBATIM samples and the CRC-16. */
    private static final int MAX_FRAME_BYTES = 16 + 1 + 2 * MAX_BLOCK + 2;
    private static final int VERBATIM = -1;
    private static final int CONSTANT = -2;

    private final FlacStreamInfo streamInfo;
    private final int rateCode;
    private final int[] samples = new int[MAX_BLOCK];
    private final int[] residual = new int[MAX_BLOCK];
    private final FlacBitWriter out = new FlacBitWriter(MAX_FRAME_BYTES);

    public FlacEncoder(int sampleRate) {
        this.streamInfo = FlacStreamInfo.of(sampleRate);
        this.rateCode = rateCode(sampleRate);
    }

    /** The STREAMINFO of the frames this encoder makes. */
    public FlacStreamInfo streamInfo() {
        return streamInfo;
    }

    /**
     * Encodes {@code count} ({@value #MIN_BLOCK} to {@value #MAX_BLOCK}) samples from {@code pcm[from]} as one
     * frame.
     *
     * @param firstSample the stream's number of {@code pcm[from]}, counted from 0; the frame carries it modulo
     *                    2^31
     */
    public byte[] frame(short[] pcm, int from, int count, long firstSample) {
        if (count < MIN_BLOCK || count > MAX_BLOCK) {
            throw new VideoException("a FLAC frame holds " + MIN_BLOCK + " to " + MAX_BLOCK + " samples, not "
                    + count);
        }
        if (firstSample < 0) {
            throw new VideoException("sample numbers start at 0, not " + firstSample);
        }
        Objects.checkFromIndexSize(from, count, pcm.length);
        for (int i = 0; i < count; i++) {
            samples[i] = pcm[from + i];
        }
        out.reset();
        writeHeader(count, firstSample & SAMPLE_NUMBER_MASK);
        writeSubframe(count);
        out.alignToByte();
        int crc = FlacCrc.crc16(out.buffer(), 0, out.position());
        out.bits(crc, 16);
        return Arrays.copyOf(out.buffer(), out.position());
    }

    private void writeHeader(int count, long sampleNumber) {
        // Sync code, a reserved zero and blocking strategy 1: variable block size.
        out.bits(0xFFF9, 16);
        out.bits(count <= 256 ? 0b0110 : 0b0111, 4);
        out.bits(rateCode, 4);
        // Channel assignment 0 (mono), sample size 0b100 (16 bits), a reserved zero.
        out.bits(0b0000_1000, 8);
        writeCodedNumber(sampleNumber);
        out.bits(count - 1, count <= 256 ? 8 : 16);
        int rate = streamInfo.sampleRate();
        switch (rateCode) {
            case 0b1100 -> out.bits(rate / 1000, 8);
            case 0b1101 -> out.bits(rate, 16);
            case 0b1110 -> out.bits(rate / 10, 16);
            default -> {
                // The rate is one of the codes, or left to STREAMINFO.
            }
        }
        out.bits(FlacCrc.crc8(out.buffer(), 0, out.position()), 8);
    }

    /** A number in FLAC's extension of UTF-8: up to 36 bits in at most 7 bytes. */
    private void writeCodedNumber(long number) {
        if (number < 0x80) {
            out.bits((int) number, 8);
            return;
        }
        int continuations = 1;
        while (continuations < 6 && number >= 1L << (6 * continuations + 6 - continuations)) {
            continuations++;
        }
        int lead = (0xFF00 >> (continuations + 1)) & 0xFF;
        out.bits(lead | (int) (number >>> (6 * continuations)), 8);
        for (int shift = 6 * (continuations - 1); shift >= 0; shift -= 6) {
            out.bits(0x80 | (int) ((number >>> shift) & 0x3F), 8);
        }
    }

    private void writeSubframe(int count) {
        int best = isConstant(count) ? CONSTANT : VERBATIM;
        long bestBits = best == CONSTANT ? 16 : 16L * count;
        int bestRice = 0;
        for (int order = 0; order <= 4 && best != CONSTANT; order++) {
            int k = riceParameter(residuals(order, count), count - order);
            if (k > 14) {
                // At least 16 bits a residual: never smaller than VERBATIM, so 4-bit parameters always do.
                continue;
            }
            long bits = 16L * order + 6 + 4 + riceBits(order, count, k);
            if (bits < bestBits) {
                best = order;
                bestBits = bits;
                bestRice = k;
            }
        }
        // A zero pad bit, the type, and no wasted bits.
        if (best == CONSTANT) {
            out.bits(0, 8);
            out.bits(samples[0], 16);
        } else if (best == VERBATIM) {
            out.bits(0b0000_0010, 8);
            for (int i = 0; i < count; i++) {
                out.bits(samples[i], 16);
            }
        } else {
            writeFixed(best, count, bestRice);
        }
    }

    private void writeFixed(int order, int count, int k) {
        out.bits((0b001000 | order) << 1, 8);
        for (int i = 0; i < order; i++) {
            out.bits(samples[i], 16);
        }
        residuals(order, count);
        // Coding method 0 (4-bit Rice parameters), partition order 0, the one parameter.
        out.bits(0, 2);
        out.bits(0, 4);
        out.bits(k, 4);
        for (int i = order; i < count; i++) {
            out.rice(residual[i], k);
        }
    }

    private boolean isConstant(int count) {
        for (int i = 1; i < count; i++) {
            if (samples[i] != samples[0]) {
                return false;
            }
        }
        return true;
    }

    /** Fills {@link #residual} from {@code order} on with FIXED's prediction errors; returns their folded sum. */
    private long residuals(int order, int count) {
        int[] x = samples;
        long sum = 0;
        for (int i = order; i < count; i++) {
            int error = switch (order) {
                case 0 -> x[i];
                case 1 -> x[i] - x[i - 1];
                case 2 -> x[i] - 2 * x[i - 1] + x[i - 2];
                case 3 -> x[i] - 3 * x[i - 1] + 3 * x[i - 2] - x[i - 3];
                default -> x[i] - 4 * x[i - 1] + 6 * x[i - 2] - 4 * x[i - 3] + x[i - 4];
            };
            residual[i] = error;
            sum += (error << 1) ^ (error >> 31);
        }
        return sum;
    }

    /** The Rice parameter for residuals of this folded sum: about log2 of their mean. */
    private static int riceParameter(long foldedSum, int count) {
        long mean = foldedSum / count;
        return mean == 0 ? 0 : 63 - Long.numberOfLeadingZeros(mean);
    }

    /** The bits the residuals now in {@link #residual} take Rice-coded with parameter {@code k}. */
    private long riceBits(int order, int count, int k) {
        long bits = (long) (count - order) * (k + 1);
        for (int i = order; i < count; i++) {
            int error = residual[i];
            bits += ((error << 1) ^ (error >> 31)) >>> k;
        }
        return bits;
    }

    private static int rateCode(int rate) {
        return switch (rate) {
            case 88_200 -> 0b0001;
            case 176_400 -> 0b0010;
            case 192_000 -> 0b0011;
            case 8_000 -> 0b0100;
            case 16_000 -> 0b0101;
            case 22_050 -> 0b0110;
            case 24_000 -> 0b0111;
            case 32_000 -> 0b1000;
            case 44_100 -> 0b1001;
            case 48_000 -> 0b1010;
            case 96_000 -> 0b1011;
            default -> rate % 1000 == 0 && rate / 1000 <= 255 ? 0b1100
                    : rate <= 65_535 ? 0b1101
                    : rate % 10 == 0 && rate / 10 <= 65_535 ? 0b1110
                    : 0b0000;
        };
    }
}
