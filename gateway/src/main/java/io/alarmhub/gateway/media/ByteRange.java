package io.alarmhub.gateway.media;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a file, {@code first..last} inclusive, from a {@code Range} header. Only a
 * single range is served; a header this does not understand (several ranges, another unit) is ignored, as
 * RFC 9110 allows, and the whole file is sent.
 */
record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");

    /** What a {@code Range} header asks of a file of {@code length} bytes. */
    sealed interface Asked permits Whole, Part, Unsatisfiable {
    }

    /** No range, or one to ignore: send the whole file. */
    record Whole() implements Asked {
    }

    record Part(ByteRange range) implements Asked {
    }

    /** A well-formed range that starts past the end: 416. */
    record Unsatisfiable() implements Asked {
    }

    long length() {
        return last - first + 1;
    }

    static Asked parse(Optional<String> header, long length) {
        if (header.isEmpty()) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header.get().strip());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || length == 0) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(Math.max(0, length - suffix), length - 1));
        }
        long first = Long.parseLong(m.group(1));
        long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
        if (last < first) {
            return new Whole(); // invalid: ignored
        }
        if (first >= length) {
            return new Unsatisfiable();
        }
        return new Part(new ByteRange(first, Math.min(last, length - 1)));
    }
}
