package io.alarmhub.bench.video;

import io.netty.buffer.ByteBuf;

/**
 * Counts the tags of one FLV stream as its bytes arrive, in pieces of any size, without keeping them: the FLV
 * header (9 bytes, {@code FLV}, its data offset), then tags of an 11-byte header whose 24-bit data size says how
 * much to skip, each followed by its 4-byte previous tag size.
 */
final class FlvTags {

    private static final int FILE_HEADER = 9;
    private static final int TAG_HEADER = 11;
    private static final int PREVIOUS_TAG_SIZE = 4;
    private static final int AUDIO = 8;
    private static final int VIDEO = 9;

    private final byte[] head = new byte[TAG_HEADER];
    private int have;
    private boolean started;
    private long skip;
    private long tags;
    private long videoTags;
    private long audioTags;

    /**
     * Reads all of {@code bytes}.
     *
     * @throws IllegalStateException when the stream does not start as FLV
     */
    void accept(ByteBuf bytes) {
        while (bytes.isReadable()) {
            if (skip > 0) {
                int n = (int) Math.min(skip, bytes.readableBytes());
                bytes.skipBytes(n);
                skip -= n;
                continue;
            }
            int want = started ? TAG_HEADER : FILE_HEADER;
            int n = Math.min(want - have, bytes.readableBytes());
            bytes.readBytes(head, have, n);
            have += n;
            if (have == want) {
                have = 0;
                if (started) {
                    tag();
                } else {
                    fileHeader();
                }
            }
        }
    }

    private void fileHeader() {
        if (head[0] != 'F' || head[1] != 'L' || head[2] != 'V') {
            throw new IllegalStateException("not FLV: the stream starts with " + (head[0] & 0xff) + ", "
                    + (head[1] & 0xff) + ", " + (head[2] & 0xff));
        }
        long offset = (head[5] & 0xffL) << 24 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | head[8] & 0xff;
        skip = offset - FILE_HEADER + PREVIOUS_TAG_SIZE;
        started = true;
    }

    private void tag() {
        int type = head[0] & 0x1f;
        tags++;
        videoTags += type == VIDEO ? 1 : 0;
        audioTags += type == AUDIO ? 1 : 0;
        skip = ((head[1] & 0xff) << 16 | (head[2] & 0xff) << 8 | head[3] & 0xff) + PREVIOUS_TAG_SIZE;
    }

    /** Whether the FLV header has been read: the viewer's stream has begun. */
    boolean started() {
        return started;
    }

    /** Tags whose header has been read. */
    long tags() {
        return tags;
    }

    long videoTags() {
        return videoTags;
    }

    long audioTags() {
        return audioTags;
    }
}
