package io.alarmhub.video.flv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads FLV back for the tests, checking each tag's sizes on the way. */
final class FlvReader {

    /** One tag: its type, 32-bit timestamp and body. */
    record Tag(int type, long time, byte[] body) {

        int byte0() {
            return body[0] & 0xff;
        }

        String fourCc() {
            return new String(body, 1, 4, StandardCharsets.US_ASCII);
        }

        byte[] from(int offset) {
            return Arrays.copyOfRange(body, offset, body.length);
        }
    }

    private FlvReader() {
    }

    /** The tags of {@code bytes}, which hold tags only, each followed by its {@code PreviousTagSize}. */
    static List<Tag> tags(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<Tag> tags = new ArrayList<>();
        while (in.hasRemaining()) {
            int type = in.get() & 0xff;
            int size = read24(in);
            long time = read24(in) | (long) (in.get() & 0xff) << 24;
            assertThat(read24(in)).as("stream id").isZero();
            byte[] body = new byte[size];
            in.get(body);
            assertThat(in.getInt()).as("PreviousTagSize").isEqualTo(11 + size);
            tags.add(new Tag(type, time, body));
        }
        return tags;
    }

    /** The properties of an {@code onMetaData} body: numbers as doubles, booleans. */
    static Map<String, Object> metadata(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        assertThat(in.get()).as("AMF0 string").isEqualTo((byte) 2);
        assertThat(string(in)).isEqualTo("onMetaData");
        assertThat(in.get()).as("AMF0 ECMA array").isEqualTo((byte) 8);
        int count = in.getInt();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String key = string(in); !key.isEmpty(); key = string(in)) {
            byte marker = in.get();
            properties.put(key, switch (marker) {
                case 0 -> in.getDouble();
                case 1 -> in.get() != 0;
                default -> throw new AssertionError("AMF0 marker " + marker + " for " + key);
            });
        }
        assertThat(in.get()).as("AMF0 object end").isEqualTo((byte) 9);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(properties).hasSize(count);
        return properties;
    }

    private static String string(ByteBuffer in) {
        byte[] bytes = new byte[in.getShort() & 0xffff];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int read24(ByteBuffer in) {
        return (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | (in.get() & 0xff);
    }
}
