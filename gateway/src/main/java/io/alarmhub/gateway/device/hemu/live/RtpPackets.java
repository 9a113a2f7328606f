package io.alarmhub.gateway.device.hemu.live;

/**
 * The RTP packets (RFC 3550) of one talk: each 20 ms of A-law behind a fixed 12-byte header, version 2, payload
 * type 8 (PCMA, RFC 3551), no padding, extension or CSRC. The sequence number goes up by one a packet and the
 * timestamp by the packet's samples, both wrapping; the marker is set on the first packet only, the start of the
 * talkspurt (RFC 3551, 4.1). The camera takes the header off (5.2.5), but a camera that reads it finds it whole.
 *
 * <p>Not thread-safe: one talk's packets are made on its connection's event loop.
 */
final class RtpPackets {

    /** The fixed header's length. */
    static final int HEADER_BYTES = 12;
    /** PCMA, G.711 A-law at 8 kHz (RFC 3551, table 4). */
    static final int PCMA = 8;

    private static final int VERSION_2 = 0x80;
    private static final int MARKER = 0x80;

    private final int ssrc;
    private int sequence;
    private int timestamp;
    private boolean first = true;

    /**
     * @param ssrc           the talk's synchronization source, random (RFC 3550, 8.1)
     * @param firstSequence  the first packet's sequence number (its low 16 bits), random (RFC 3550, 5.1)
     * @param firstTimestamp the first packet's timestamp, in samples, random (RFC 3550, 5.1)
     */
    RtpPackets(int ssrc, int firstSequence, int firstTimestamp) {
        this.ssrc = ssrc;
        this.sequence = firstSequence & 0xFFFF;
        this.timestamp = firstTimestamp;
    }

    /** The next packet: the header, then {@code alaw}, one byte a sample. */
    byte[] next(byte[] alaw) {
        byte[] packet = new byte[HEADER_BYTES + alaw.length];
        packet[0] = (byte) VERSION_2;
        packet[1] = (byte) ((first ? MARKER : 0) | PCMA);
        packet[2] = (byte) (sequence >>> 8);
        packet[3] = (byte) sequence;
        putInt(packet, 4, timestamp);
        putInt(packet, 8, ssrc);
        System.arraycopy(alaw, 0, packet, HEADER_BYTES, alaw.length);
        first = false;
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += alaw.length;
        return packet;
    }

    private static void putInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }
}
