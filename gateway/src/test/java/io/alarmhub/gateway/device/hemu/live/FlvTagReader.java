package io.alarmhub.gateway.device.hemu.live;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads an FLV stream as a player does, tag by tag, enough to count what a viewer was sent. */
final class FlvTagReader {

    static final int AUDIO = 8;
    static final int VIDEO = 9;

    /**
     * One tag: its type, timestamp, whether it is a picture (not a sequence header or metadata), and the first bytes
     * of its body (the codec's header).
     */
    record Tag(int type, long time, boolean picture, byte[] head) {
    }

    private final DataInputStream in;
    private final boolean hasAudio;

    /** Reads the FLV header (and the first {@code PreviousTagSize}) from {@code in}. */
    FlvTagReader(InputStream in) throws IOException {
        this.in = new DataInputStream(in);
        byte[] header = new byte[13];
        this.in.readFully(header);
        if (header[0] != 'F' || header[1] != 'L' || header[2] != 'V') {
            throw new IOException("not FLV");
        }
        this.hasAudio = (header[4] & 0x04) != 0;
    }

    boolean hasAudio() {
        return hasAudio;
    }

    /** The next tag; empty at the end of the stream. */
    Optional<Tag> next() throws IOException {
        int type;
        try {
            type = in.readUnsignedByte();
        } catch (EOFException end) {
            return Optional.empty();
        }
        int size = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        long time = ((long) in.readUnsignedByte() << 16) | in.readUnsignedShort();
        time |= (long) in.readUnsignedByte() << 24;
        in.skipNBytes(3);
        byte[] body = new byte[size];
        in.readFully(body);
        in.skipNBytes(4);
        return Optional.of(new Tag(type, time, type == VIDEO && picture(body),
                Arrays.copyOf(body, Math.min(body.length, 8))));
    }

    /** A classic AVC tag with AVCPacketType 1, or an enhanced one with CodedFrames or CodedFramesX. */
    private static boolean picture(byte[] body) {
        if ((body[0] & 0x80) != 0) {
            int packetType = body[0] & 0x0f;
            return packetType == 1 || packetType == 3;
        }
        return body.length > 1 && body[1] == 1;
    }

    /** A whole stream held in memory: its tags. */
    record Whole(boolean hasAudio, List<Tag> tags) {

        long videoFrames() {
            return tags.stream().filter(Tag::picture).count();
        }

        long audioFrames() {
            return tags.stream().filter(tag -> tag.type() == AUDIO).count();
        }
    }

    static Whole of(byte[] flv) {
        try {
            FlvTagReader reader = new FlvTagReader(new ByteArrayInputStream(flv));
            List<Tag> tags = new ArrayList<>();
            for (Optional<Tag> tag = reader.next(); tag.isPresent(); tag = reader.next()) {
                tags.add(tag.get());
            }
            return new Whole(reader.hasAudio(), tags);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
