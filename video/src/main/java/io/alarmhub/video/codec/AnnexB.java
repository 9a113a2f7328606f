package io.alarmhub.video.codec;

import java.io.ByteArrayOutputStream;
import io.alarmhub.video.VideoException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Annex B byte stream (ITU-T H.264 / H.265 Annex B): NAL units after start codes {@code 00 00 01} or
 * {@code 00 00 00 01}. Cameras send access units this way. Data with no start code at its head is taken as one
 * bare NAL unit, because some firmware drops the start code when one package holds one unit.
 */
public final class AnnexB {

    private AnnexB() {
    }

    /** The NAL units of {@code data}, without their start codes; empty units are left out. */
    public static List<byte[]> units(byte[] data) {
        List<byte[]> units = new ArrayList<>();
        int start = startCodeEnd(data, 0);
        if (start < 0) {
            if (data.length > 0) {
                units.add(data.clone());
            }
            return units;
        }
        while (start < data.length) {
            int next = nextStartCode(data, start);
            int end = next < 0 ? data.length : next;
            int trimmed = end;
            while (trimmed > start && data[trimmed - 1] == 0) {
                trimmed--; // the zero_byte of a 4-byte start code, or trailing_zero_8bits
            }
            if (trimmed > start) {
                units.add(Arrays.copyOfRange(data, start, trimmed));
            }
            if (next < 0) {
                break;
            }
            start = startCodeEnd(data, next);
        }
        return units;
    }

    /** Each unit after a 4-byte big-endian length: the form FLV and MP4 carry. */
    public static byte[] lengthPrefixed(List<byte[]> units) {
        int size = 0;
        for (byte[] unit : units) {
            size += 4 + unit.length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] unit : units) {
            int n = unit.length;
            out[at] = (byte) (n >>> 24);
            out[at + 1] = (byte) (n >>> 16);
            out[at + 2] = (byte) (n >>> 8);
            out[at + 3] = (byte) n;
            System.arraycopy(unit, 0, out, at + 4, n);
            at += 4 + n;
        }
        return out;
    }

    /** Back to Annex B with 4-byte start codes, as a camera would send it. */
    public static byte[] withStartCodes(List<byte[]> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] unit : units) {
            out.write(0);
            out.write(0);
            out.write(0);
            out.write(1);
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }

    /** The units of a length-prefixed buffer (the inverse of {@link #lengthPrefixed}). */
    public static List<byte[]> splitLengthPrefixed(byte[] data) {
        List<byte[]> units = new ArrayList<>();
        int at = 0;
        while (at + 4 <= data.length) {
            int n = ((data[at] & 0xff) << 24) | ((data[at + 1] & 0xff) << 16) | ((data[at + 2] & 0xff) << 8)
                    | (data[at + 3] & 0xff);
            if (n < 0 || at + 4 + n > data.length) {
                throw new VideoException("NAL unit length " + n + " runs past its buffer");
            }
            units.add(Arrays.copyOfRange(data, at + 4, at + 4 + n));
            at += 4 + n;
        }
        return units;
    }

    /** The index just after the start code at {@code from}, or -1 when there is none there. */
    private static int startCodeEnd(byte[] data, int from) {
        if (from + 3 <= data.length && data[from] == 0 && data[from + 1] == 0) {
            if (data[from + 2] == 1) {
                return from + 3;
            }
            if (from + 4 <= data.length && data[from + 2] == 0 && data[from + 3] == 1) {
                return from + 4;
            }
        }
        return -1;
    }

    /** The index of the next {@code 00 00 01} at or after {@code from}, or -1. */
    private static int nextStartCode(byte[] data, int from) {
        for (int i = from; i + 2 < data.length; i++) {
            if ((data[i + 2] & 0xff) > 1) {
                i += 2; // no start code can begin at i, i+1 or i+2
            } else if (data[i] == 0 && data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }
}
