package io.alarmhub.video.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A box dumper for the tests: every box of a file with its path ({@code moov/trak/tkhd}), offset and size. */
final class BoxTree {

    /** One box. {@code body} is where its fields start, after size and type. */
    record Box(String path, int offset, int size, int body) {

        String type() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl", "dinf", "mvex",
            "moof", "traf", "mfra", "edts");

    /** Bytes between a box's type and its children, for boxes that hold fields before them. */
    private static int childrenAt(String type) {
        return switch (type) {
            case "stsd", "dref" -> 8; // version, flags, entry_count
            case "avc1", "hvc1" -> 78; // VisualSampleEntry
            case "fLaC", "mp4a" -> 28; // AudioSampleEntry
            default -> CONTAINERS.contains(type) ? 0 : -1;
        };
    }

    private BoxTree() {
    }

    /** The boxes of {@code file}, depth first; a box cut short by the end of the data is listed, not entered. */
    static List<Box> of(byte[] file) {
        List<Box> boxes = new ArrayList<>();
        read(ByteBuffer.wrap(file), 0, file.length, "", boxes);
        return boxes;
    }

    private static void read(ByteBuffer data, int from, int to, String parent, List<Box> boxes) {
        int at = from;
        while (at + 8 <= to) {
            int size = data.getInt(at);
            String type = new String(data.array(), at + 4, 4, StandardCharsets.ISO_8859_1);
            if (size < 8) {
                throw new AssertionError("box " + type + " of size " + size + " at " + at);
            }
            Box box = new Box(parent + type, at, size, at + 8);
            boxes.add(box);
            int children = childrenAt(type);
            if (children >= 0 && at + size <= to) {
                read(data, at + 8 + children, at + size, box.path() + "/", boxes);
            }
            at += size;
        }
    }

    /** The boxes whose path is {@code path}. */
    static List<Box> find(List<Box> boxes, String path) {
        return boxes.stream().filter(box -> box.path().equals(path)).toList();
    }
}
