package io.alarmhub.video.audio;

/** The two checksums of a FLAC frame: CRC-8 (polynomial 0x07) of its header, CRC-16 (0x8005) of all of it. */
final class FlacCrc {

    private static final int[] CRC8 = table(0x07, 8);
    private static final int[] CRC16 = table(0x8005, 16);

    private FlacCrc() {
    }

    static int crc8(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = CRC8[crc ^ (bytes[i] & 0xFF)];
        }
        return crc;
    }

    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ CRC16[(crc >>> 8) ^ (bytes[i] & 0xFF)]) & 0xFFFF;
        }
        return crc;
    }

    private static int[] table(int polynomial, int width) {
        int top = 1 << (width - 1);
        int mask = (1 << width) - 1;
        int[] table = new int[256];
        for (int value = 0; value < 256; value++) {
            int crc = value << (width - 8);
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & top) != 0 ? (crc << 1) ^ polynomial : crc << 1;
            }
            table[value] = crc & mask;
        }
        return table;
    }
}
