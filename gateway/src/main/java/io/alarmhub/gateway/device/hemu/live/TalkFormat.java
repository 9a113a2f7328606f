package io.alarmhub.gateway.device.hemu.live;

import java.util.Arrays;
import java.util.Optional;

/** What a talker's binary messages hold: 8 kHz mono, as 16-bit little-endian PCM or as G.711 A-law bytes. */
enum TalkFormat {

    /** Signed 16-bit little-endian samples, what a browser's Web Audio gives once scaled: the default. */
    PCM,
    /** G.711 A-law, one byte a sample, what the camera plays: passed through untouched. */
    ALAW;

    /** The format of that name in any case, as a talk URL's {@code format} says it. */
    static Optional<TalkFormat> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }
}
