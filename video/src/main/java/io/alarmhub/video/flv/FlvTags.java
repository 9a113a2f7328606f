package io.alarmhub.video.flv;

import io.alarmhub.video.VideoException;

/**
 * The FLV file layout (FLV specification v10.1, E.2–E.4): the 9-byte header, and tags each followed by their
 * {@code PreviousTagSize}. Every tag is built in one array, its codec header and payload copied in once.
 */
final class FlvTags {

    static final int AUDIO = 8;
    static final int VIDEO = 9;
    static final int SCRIPT = 18;

    /** The tag header: type, 24-bit size, 24-bit timestamp, its extension byte, 24-bit stream id. */
    static final int TAG_HEADER = 11;
    /** {@code DataSize} is 24 bits. */
    static final int MAX_BODY = 0xffffff;

    private static final int HAS_AUDIO = 0x04;
    private static final int HAS_VIDEO = 0x01;

    private FlvTags() {
    }

    /** {@code FLV}, version 1, the stream flags, header size 9, then {@code PreviousTagSize0} = 0. */
    static byte[] header(boolean audio) {
        return new byte[] {'F', 'L', 'V', 1, (byte) (HAS_VIDEO | (audio ? HAS_AUDIO : 0)), 0, 0, 0, 9, 0, 0, 0, 0};
    }

    /**
     * One tag and its {@code PreviousTagSize}: {@code head} (the codec's tag header) then {@code payload} as the
     * body, at {@code time} milliseconds.
     */
    static byte[] tag(int type, long time, byte[] head, byte[] payload) {
        int body = head.length + payload.length;
        if (body > MAX_BODY) {
            throw new VideoException("FLV tag body of " + body + " bytes");
        }
        byte[] tag = new byte[TAG_HEADER + body + 4];
        tag[0] = (byte) type;
        put24(tag, 1, body);
        // The 24-bit timestamp then its upper 8 bits: 32 bits of milliseconds in all, which wrap after 49 days.
        put24(tag, 4, (int) time);
        tag[7] = (byte) (time >>> 24);
        // Stream id stays 0.
        System.arraycopy(head, 0, tag, TAG_HEADER, head.length);
        System.arraycopy(payload, 0, tag, TAG_HEADER + head.length, payload.length);
        put32(tag, TAG_HEADER + body, TAG_HEADER + body);
        return tag;
    }

    static void put24(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 16);
        out[at + 1] = (byte) (value >>> 8);
        out[at + 2] = (byte) value;
    }

    static void put32(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        put24(out, at + 1, value);
    }

    /** A FourCC as the big-endian number its four ASCII characters make, as E-RTMP signals codecs. */
    static int fourCc(String code) {
        return (code.charAt(0) << 24) | (code.charAt(1) << 16) | (code.charAt(2) << 8) | code.charAt(3);
    }
}
