package io.alarmhub.video.audio;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** G.726 streams made and read by ffmpeg, and decoding in camera-sized packets. */
final class G726Fixtures {

    private G726Fixtures() {
    }

    /** Every rate in both packings. */
    static Stream<G726Format> everyFormat() {
        return Stream.of(G726Packing.values())
                .flatMap(packing -> Stream.of(2, 3, 4, 5).map(bits -> new G726Format(bits, packing)));
    }

    /** ffmpeg's name for the packing, as codec and as raw format. */
    static String ffmpegName(G726Format format) {
        return format.packing() == G726Packing.RFC3551 ? "g726le" : "g726";
    }

    /** ffmpeg encodes its 1 kHz sine, 2 s at 8 kHz, into a raw G.726 stream. */
    static byte[] ffmpegEncodesTone(G726Format format) {
        String name = ffmpegName(format);
        Path out = MediaTools.fixture("tone-" + name + "-" + format.bitRate() + ".g726");
        MediaTools.ffmpeg("-f", "lavfi", "-i", "sine=f=1000:r=8000", "-t", "2", "-ac", "1", "-ar", "8000",
                "-c:a", name, "-b:a", format.bitRate() / 1000 + "k", "-f", name, out.toString());
        return MediaTools.read(out);
    }

    /** ffmpeg decodes a raw G.726 stream to PCM. */
    static short[] ffmpegDecodes(byte[] g726, G726Format format) {
        String name = ffmpegName(format);
        Path in = MediaTools.write("in-" + name + "-" + format.bitRate() + ".g726", g726);
        Path out = MediaTools.fixture("out-" + name + "-" + format.bitRate() + ".s16le");
        MediaTools.ffmpeg("-f", name, "-code_size", String.valueOf(format.bitsPerSample()), "-sample_rate", "8000",
                "-i", in.toString(), "-f", "s16le", out.toString());
        return MediaTools.readPcm(out);
    }

    /**
     * Code words of random sign and a magnitude in the lower half of the code space, packed in RFC 3551 order:
     * a stream that keeps the decoder busy adapting yet out of overload.
     */
    static byte[] seededCodeWords(int bits, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int half = 1 << (bits - 1);
        byte[] g726 = new byte[new G726Format(bits, G726Packing.RFC3551).bytesFor(samples)];
        int buffer = 0;
        int held = 0;
        int next = 0;
        for (int i = 0; i < samples; i++) {
            int magnitude = random.nextInt(half / 2 + 1);
            int code = random.nextBoolean() ? magnitude : 2 * half - 1 - magnitude;
            buffer |= code << held;
            held += bits;
            while (held >= 8) {
                g726[next++] = (byte) buffer;
                buffer >>>= 8;
                held -= 8;
            }
        }
        if (held > 0) {
            g726[next] = (byte) buffer;
        }
        return g726;
    }

    /** Decodes a stream as a camera sends it: 20 ms (160-sample) packets, one decoder for all of them. */
    static short[] decodeInPackets(G726Decoder decoder, byte[] g726) {
        G726Format format = decoder.format();
        int packet = format.bytesFor(160);
        short[] pcm = new short[format.samplesIn(g726.length)];
        int samples = 0;
        for (int offset = 0; offset < g726.length; offset += packet) {
            samples += decoder.decode(g726, offset, Math.min(packet, g726.length - offset), pcm, samples);
        }
        return Arrays.copyOf(pcm, samples);
    }

    /** Encodes in 20 ms packets, as a camera does, into one stream. */
    static byte[] encodeInPackets(G726Encoder encoder, short[] pcm) {
        G726Format format = encoder.format();
        byte[] g726 = new byte[format.bytesFor(pcm.length) + format.bytesFor(160)];
        int length = 0;
        for (int offset = 0; offset < pcm.length; offset += 160) {
            length += encoder.encode(pcm, offset, Math.min(160, pcm.length - offset), g726, length);
        }
        return Arrays.copyOf(g726, length);
    }
}
