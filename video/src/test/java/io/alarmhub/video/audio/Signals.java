package io.alarmhub.video.audio;

import java.util.SplittableRandom;

/** Test signals and what is measured of them: the dominant frequency and the signal-to-noise ratio. */
final class Signals {

    private Signals() {
    }

    /** The frequency, to 10 Hz, with the most energy between 100 Hz and 3.9 kHz (a Goertzel scan). */
    static int peakFrequency(short[] pcm, int sampleRate) {
        int best = 0;
        double bestPower = -1;
        for (int frequency = 100; frequency <= 3900; frequency += 10) {
            double power = goertzel(pcm, sampleRate, frequency);
            if (power > bestPower) {
                bestPower = power;
                best = frequency;
            }
        }
        return best;
    }

    /** How far {@code decoded} is from {@code original}, in dB: 10 log10(signal energy / error energy). */
    static double snr(short[] original, short[] decoded) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < original.length; i++) {
            double error = decoded[i] - original[i];
            signal += (double) original[i] * original[i];
            noise += error * error;
        }
        return noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    }

    /** How many samples are equal in both. */
    static int sameSamples(short[] a, short[] b) {
        int same = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same;
    }

    /** Something like speech: a gliding voiced tone with harmonics, breathing noise and pauses. */
    static short[] speechLike(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] pcm = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            double pitch = 120 + 60 * Math.sin(2 * Math.PI * i / 4000.0);
            phase += 2 * Math.PI * pitch / 8000;
            double envelope = Math.max(0, Math.sin(2 * Math.PI * i / 2400.0));
            double voiced = 5000 * Math.sin(phase) + 2500 * Math.sin(2 * phase) + 1200 * Math.sin(3 * phase);
            pcm[i] = (short) (envelope * voiced + random.nextInt(-400, 401));
        }
        return pcm;
    }

    /** Uniform noise over the whole 16-bit range. */
    static short[] noise(int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) random.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
        }
        return pcm;
    }

    private static double goertzel(short[] pcm, int sampleRate, int frequency) {
        double coefficient = 2 * Math.cos(2 * Math.PI * frequency / sampleRate);
        double previous = 0;
        double beforePrevious = 0;
        for (short sample : pcm) {
            double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
    }
}
