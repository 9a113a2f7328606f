package io.alarmhub.gateway.device.jovision;

/**
 * One line cut from a device's byte stream by {@link JovisionFrameDecoder}. Bad framing is a value, not an
 * exception, so that the connection can be answered and live on.
 */
sealed interface JovisionFrame {

    /**
     * A non-blank line without its line end, read as UTF-8. Bytes that are not UTF-8 become U+FFFD rather
     * than failing the line: older firmware may send a GBK device name, and a garbled name is better than a
     * lost alarm.
     */
    record Line(String text) implements JovisionFrame {
    }

    /** A line longer than the limit; its bytes were discarded unread. */
    record Oversized(int maxBytes) implements JovisionFrame {
    }
}
