package io.alarmhub.bench.scenario;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The message body every system carries: a JSON object with the sender's {@link System#nanoTime()}
 * at the moment of writing and the publish's sequence number, padded to the scenario's size. The
 * receivers run in the same JVM as the sender, so the difference of two readings of that clock is
 * the end-to-end latency.
 */
public final class Payload {

    /** Room for the fields with the largest numbers they can hold. */
    public static final int MIN_BYTES = 64;
    private static final String SENT = "\"sent\":";
    private static final String SEQ = "\"seq\":";

    private final int bytes;

    public Payload(int bytes) {
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("a payload needs at least " + MIN_BYTES + " bytes");
        }
        this.bytes = bytes;
    }

    /** The body of publish {@code seq} written at {@code sentNanos}, exactly {@code bytes} long. */
    public String render(long sentNanos, int seq) {
        String head = "{" + SENT + sentNanos + "," + SEQ + seq + ",\"pad\":\"";
        int pad = bytes - head.length() - 2;
        char[] padding = new char[Math.max(0, pad)];
        Arrays.fill(padding, 'x');
        return head + new String(padding) + "\"}";
    }

    /** The send time in a received body, as carried or re-serialized by the system. */
    public static OptionalLong sentNanos(CharSequence body) {
        return number(body, SENT);
    }

    /** The sequence number in a received body. */
    public static OptionalInt seq(CharSequence body) {
        OptionalLong seq = number(body, SEQ);
        return seq.isPresent() ? OptionalInt.of((int) seq.getAsLong()) : OptionalInt.empty();
    }

    /** A decimal after {@code key}, skipping blanks: the systems may re-serialize the JSON. */
    private static OptionalLong number(CharSequence body, String key) {
        int at = indexOf(body, key);
        if (at < 0) {
            return OptionalLong.empty();
        }
        int i = at + key.length();
        while (i < body.length() && body.charAt(i) == ' ') {
            i++;
        }
        boolean negative = i < body.length() && body.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int digits = 0;
        for (; i < body.length() && Character.isDigit(body.charAt(i)); i++, digits++) {
            value = value * 10 + (body.charAt(i) - '0');
        }
        if (digits == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(negative ? -value : value);
    }

    private static int indexOf(CharSequence text, String key) {
        return text.toString().indexOf(key);
    }
}
