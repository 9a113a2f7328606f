package io.alarmhub.video.flv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body of an {@code onMetaData} script tag in AMF0 (AMF0 specification 2.4, 2.10): the string
 * {@code onMetaData}, then an ECMA array of numbers and booleans, as FFmpeg writes it and mpegts.js reads it.
 */
final class ScriptData {

    private static final int NUMBER = 0x00;
    private static final int BOOLEAN = 0x01;
    private static final int STRING = 0x02;
    private static final int ECMA_ARRAY = 0x08;
    private static final int OBJECT_END = 0x09;

    private ScriptData() {
    }

    /** {@code properties} in their iteration order; each value a {@link Number} or a {@link Boolean}. */
    static byte[] onMetaData(Map<String, ?> properties) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(STRING);
        writeKey(out, "onMetaData");
        out.write(ECMA_ARRAY);
        int count = properties.size();
        out.write(count >>> 24);
        out.write(count >>> 16);
        out.write(count >>> 8);
        out.write(count);
        properties.forEach((key, value) -> {
            writeKey(out, key);
            if (value instanceof Boolean flag) {
                out.write(BOOLEAN);
                out.write(flag ? 1 : 0);
            } else {
                out.write(NUMBER);
                long bits = Double.doubleToLongBits(((Number) value).doubleValue());
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) (bits >>> shift));
                }
            }
        });
        out.write(0); // the empty key, then the end marker
        out.write(0);
        out.write(OBJECT_END);
        return out.toByteArray();
    }

    private static void writeKey(ByteArrayOutputStream out, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
