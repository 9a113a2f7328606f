package io.alarmhub.video.audio;

import java.util.Arrays;

/**
 * The adaptive predictor and quantizer that a G.726 encoder and decoder both run, block by block as the
 * Recommendation's bit-level description names them (ACCUM, MIX, RECONST, UPA1, ...). The encoder runs the same
 * reconstruction as the decoder, so the two stay in step on the same code words.
 *
 * <p>Fields hold the Recommendation's fixed-point values; where it computes modulo 2^16 so does this class,
 * through {@code (short)} casts, so that overflow behaves as in the reference.
 */
final class G726State {

    /**
     * Whose arithmetic to follow. Cameras encode by the Recommendation; ffmpeg's codec, the only G.726 the
     * build machines have, differs in two blocks, so tests can switch to its arithmetic to compare bit for bit.
     */
    enum Arithmetic {
        /** ITU-T G.726 as Sun's reference code computes it. */
        REFERENCE,
        /**
         * ffmpeg's {@code g726.c}: MIX rounds with the slow scale factor's fraction instead of truncating the
         * product, and the zero predictor leaks by 2^-8 at 40 kbit/s too. (Its encoder also rounds its input
         * differently; only decoding is meant to match.)
         */
        FFMPEG
    }

    private final G726Tables tables;
    private final Arithmetic arithmetic;

    /** The zero predictor's leak: 2^-9 at 40 kbit/s, 2^-8 at the other rates. */
    private final int zeroLeak;

    /** Locked (slow) step size scale factor, 19 bits: 13 of log2 step size and 6 of fraction. */
    private int yl = 34816;
    /** Unlocked (fast) step size scale factor. */
    private int yu = 544;
    /** Short- and long-term averages of F, whose difference tells speech from tones and data. */
    private int dms;
    private int dml;
    /** Speed control: how far the step size follows {@link #yu} rather than {@link #yl}. */
    private int ap;
    /** Pole predictor coefficients a1, a2 and zero predictor coefficients b1..b6. */
    private final int[] a = new int[2];
    private final int[] b = new int[6];
    /** Signs (1 negative) of the last two partial reconstructions, for the pole update. */
    private final int[] pk = new int[2];
    /** The last six quantised differences and last two reconstructed samples, in the 11-bit float form. */
    private final int[] dq = {32, 32, 32, 32, 32, 32};
    private final int[] sr = {32, 32};
    /** Delayed tone detect: the last sample looked like a modem tone. */
    private boolean toneDetected;

    /** This sample's signal estimate, its zero-predictor part and its step size, set by {@link #predict}. */
    private int se;
    private int sez;
    private int y;

    G726State(G726Tables tables, Arithmetic arithmetic) {
        this.tables = tables;
        this.arithmetic = arithmetic;
        this.zeroLeak = tables.bits() == 5 && arithmetic == Arithmetic.REFERENCE ? 9 : 8;
    }

    /** Decodes one code word into a 14-bit sample. */
    int decode(int code) {
        predict();
        return reconstruct(code & ((1 << tables.bits()) - 1));
    }

    /** Encodes one 16-bit sample into a code word. */
    int encode(int pcm) {
        predict();
        int code = quantize((short) ((pcm >> 2) - se));
        reconstruct(code);
        return code;
    }

    private void predict() {
        int zeros = 0;
        for (int i = 0; i < 6; i++) {
            zeros += fmult(b[i] >> 2, dq[i]);
        }
        int sezi = (short) zeros;
        int sei = (short) (sezi + fmult(a[1] >> 2, sr[1]) + fmult(a[0] >> 2, sr[0]));
        sez = sezi >> 1;
        se = sei >> 1;
        y = stepSize();
    }

    /** MIX: the step size, between the fast and the slow scale factor by the speed control. */
    private int stepSize() {
        if (arithmetic == Arithmetic.FFMPEG) {
            int al = ap >= 256 ? 64 : ap >> 2;
            return (yl + (yu - (yl >> 6)) * al) >> 6;
        }
        if (ap >= 256) {
            return yu;
        }
        int slow = yl >> 6;
        int dif = yu - slow;
        int al = ap >> 2;
        // The product's magnitude is truncated, so a negative one rounds towards zero.
        if (dif > 0) {
            slow += (dif * al) >> 6;
        } else if (dif < 0) {
            slow += (dif * al + 0x3F) >> 6;
        }
        return slow;
    }

    /** LOG, SUBTB and QUAN: the code word of a difference, through its log magnitude against the step size. */
    private int quantize(int d) {
        int magnitude = Math.abs(d);
        int exponent = bitLength(magnitude >> 1);
        int normalised = (exponent << 7) + (((magnitude << 7) >> exponent) & 0x7F) - (y >> 2);
        int[] decisions = tables.decisions();
        int index = 0;
        while (index < decisions.length && normalised >= decisions[index]) {
            index++;
        }
        int allOnes = (1 << tables.bits()) - 1;
        if (d < 0) {
            return allOnes - index;
        }
        // The all-ones code is "negative zero"; 16 kbit/s has no zero level, so its smallest positive is 0.
        if (index == 0) {
            return tables.bits() == 2 ? 0 : allOnes;
        }
        return index;
    }

    /** RECONST, ADDA, ANTILOG, ADDB and ADDC, then the adaptation; returns the reconstructed 14-bit sample. */
    private int reconstruct(int code) {
        int difference = antilog((code & tables.signBit()) != 0, tables.dqln()[code] + (y >> 2));
        int signal = (short) (difference < 0 ? se - (difference & 0x7FFF) : se + difference);
        int poleDifference = (short) (signal - se + sez);
        adapt(code, difference, signal, poleDifference);
        return signal;
    }

    /**
     * The quantised difference of a log magnitude, in the reference's sign-magnitude form: a negative value is
     * {@code magnitude - 0x8000}, so that a "negative zero" keeps its sign for the predictor update.
     */
    private static int antilog(boolean negative, int dql) {
        if (dql < 0) {
            return negative ? -0x8000 : 0;
        }
        int exponent = (dql >> 7) & 15;
        int magnitude = ((128 + (dql & 127)) << 7) >> (14 - exponent);
        return negative ? magnitude - 0x8000 : magnitude;
    }

    private void adapt(int code, int difference, int signal, int poleDifference) {
        int magnitude = difference & 0x7FFF;
        boolean transition = toneDetected && magnitude > transitionThreshold();
        int f = tables.speed()[code];

        yu = Math.min(5120, Math.max(544, y + ((tables.scale()[code] - y) >> 5)));
        yl += yu + ((-yl) >> 6);

        int pk0 = poleDifference < 0 ? 1 : 0;
        int a2 = 0;
        if (transition) {
            // A modem signal has begun: restart the predictor rather than track it.
            a[0] = 0;
            a[1] = 0;
            Arrays.fill(b, 0);
        } else {
            a2 = updatePoles(pk0, poleDifference);
            updateZeros(difference, magnitude);
        }

        System.arraycopy(dq, 0, dq, 1, 5);
        dq[0] = difference >= 0 ? toFloat(magnitude) : toFloat(magnitude) - 0x400;
        sr[1] = sr[0];
        sr[0] = signalToFloat(signal);
        pk[1] = pk[0];
        pk[0] = pk0;

        toneDetected = !transition && a2 < -11776;
        updateSpeedControl(f, transition);
    }

    /** TRANS's threshold: three quarters of the slow step size, capped. */
    private int transitionThreshold() {
        int integer = yl >> 15;
        int fraction = (yl >> 10) & 0x1F;
        int threshold = integer > 9 ? 31 << 10 : (32 + fraction) << integer;
        return (threshold + (threshold >> 1)) >> 1;
    }

    /** UPA2, LIMC, UPA1 and LIMD; returns the new a2, which tone detection needs. */
    private int updatePoles(int pk0, int poleDifference) {
        int signsDiffer = pk0 ^ pk[0];
        int a2 = a[1] - (a[1] >> 7);
        if (poleDifference != 0) {
            int fa1 = signsDiffer != 0 ? a[0] : -a[0];
            if (fa1 < -8191) {
                a2 -= 0x100;
            } else if (fa1 > 8191) {
                a2 += 0xFF;
            } else {
                a2 += fa1 >> 5;
            }
            a2 = Math.min(12288, Math.max(-12288, (pk0 ^ pk[1]) != 0 ? a2 - 0x80 : a2 + 0x80));
        }
        a[1] = a2;

        a[0] -= a[0] >> 8;
        if (poleDifference != 0) {
            a[0] += signsDiffer == 0 ? 192 : -192;
        }
        int limit = 15360 - a2;
        a[0] = Math.min(limit, Math.max(-limit, a[0]));
        return a2;
    }

    /** UPB: each zero coefficient leaks and moves towards agreement between this and its delayed difference. */
    private void updateZeros(int difference, int magnitude) {
        for (int i = 0; i < 6; i++) {
            int coefficient = b[i] - (b[i] >> zeroLeak);
            if (magnitude != 0) {
                coefficient += (difference ^ dq[i]) >= 0 ? 128 : -128;
            }
            b[i] = (short) coefficient;
        }
    }

    /** FILTA, FILTB, SUBTC and FILTC: fast adaptation for speech, slow for steady tones. */
    private void updateSpeedControl(int f, boolean transition) {
        dms += (f - dms) >> 5;
        dml += ((f << 2) - dml) >> 7;
        if (transition) {
            ap = 256;
        } else if (y < 1536 || toneDetected || Math.abs((dms << 2) - dml) >= (dml >> 3)) {
            ap += (0x200 - ap) >> 4;
        } else {
            ap += (-ap) >> 4;
        }
    }

    /** FMULT: a 14-bit predictor coefficient times a value in the 11-bit float form. */
    private static int fmult(int coefficient, int value) {
        int magnitude = coefficient > 0 ? coefficient : (-coefficient) & 0x1FFF;
        int exponent = bitLength(magnitude) - 6;
        int mantissa = magnitude == 0 ? 32 : exponent >= 0 ? magnitude >> exponent : magnitude << -exponent;
        int productExponent = exponent + ((value >> 6) & 0xF) - 13;
        int productMantissa = (mantissa * (value & 0x3F) + 0x30) >> 4;
        int product = productExponent >= 0
                ? (productMantissa << productExponent) & 0x7FFF
                : productMantissa >> -productExponent;
        return (coefficient ^ value) < 0 ? -product : product;
    }

    /** FLOAT A/B: a magnitude as 4 bits of exponent and 6 of mantissa; zero is kept as mantissa 32. */
    private static int toFloat(int magnitude) {
        if (magnitude == 0) {
            return 0x20;
        }
        int exponent = bitLength(magnitude);
        return (exponent << 6) + ((magnitude << 6) >> exponent);
    }

    private static int signalToFloat(int signal) {
        if (signal >= 0) {
            return toFloat(signal);
        }
        // -32768 has no 6-bit mantissa; the reference keeps it as a negative zero.
        return signal > -32768 ? toFloat(-signal) - 0x400 : 0x20 - 0x400;
    }

    /** The reference's {@code quan(value, power2, 15)}: how many of 1, 2, 4 .. 2^14 are at most {@code value}. */
    private static int bitLength(int value) {
        return value <= 0 ? 0 : Math.min(15, 32 - Integer.numberOfLeadingZeros(value));
    }
}
