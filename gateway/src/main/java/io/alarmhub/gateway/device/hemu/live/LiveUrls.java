package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.video.flv.AudioMode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The signed, expiring URLs of a camera's live view, as viewers reach the {@code hemu-live} listener:
 * {@code http://host:port/live/{deviceId}.flv?audio=…&expires=…&sig=…} and the same with {@code ws://}. The
 * signature ({@link MediaSigner}) covers the key {@code live/{deviceId}} and the expiry, not the audio, which
 * is the viewer's to choose. Two-way talk's URL, {@code ws://host:port/talk/{deviceId}?expires=…&sig=…}, is signed
 * over {@code talk/{deviceId}}.
 */
public final class LiveUrls {

    private final String host;
    private final IntSupplier port;
    private final Duration validity;
    private final MediaSigner signer;
    private final Clock clock;

    /**
     * @param advertisedHost the host viewers reach the node at ({@code node.advertised-host})
     * @param port           the listener's port, once it is bound (its setting may be 0)
     * @param settings       the live settings: how long a URL stays usable
     */
    public LiveUrls(String advertisedHost, IntSupplier port, LiveSettings settings, MediaSigner signer, Clock clock) {
        // An IPv6 literal needs its brackets in a URL.
        this.host = advertisedHost.indexOf(':') >= 0 && !advertisedHost.startsWith("[")
                ? "[" + advertisedHost + "]" : advertisedHost;
        this.port = Objects.requireNonNull(port, "port");
        this.validity = settings.urlValidity();
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a viewer of {@code deviceId} connects to, where its owner talks to it (a WebSocket of PCM, {@code format}
     * may be added), and until when they can.
     */
    public record Links(String flv, String ws, String talk, Instant expires) {
    }

    /** URLs for {@code deviceId} with {@code audio}, valid from now for the configured validity. */
    public Links links(String deviceId, AudioMode audio) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        String origin = "//" + host + ":" + port.getAsInt();
        String live = origin + "/live/" + deviceId + ".flv?audio=" + audio.name().toLowerCase(Locale.ROOT)
                + "&expires=" + expires + "&sig=" + signer.sign(key(deviceId), expires);
        String talk = origin + TalkRequest.PREFIX + deviceId + "?expires=" + expires + "&sig="
                + signer.sign(talkKey(deviceId), expires);
        return new Links("http:" + live, "ws:" + live, "ws:" + talk, Instant.ofEpochSecond(expires));
    }

    /** What a live URL's signature covers. */
    static String key(String deviceId) {
        return "live/" + deviceId;
    }

    /** What a talk URL's signature covers: not a live URL's, so that a URL to watch is not one to speak. */
    static String talkKey(String deviceId) {
        return "talk/" + deviceId;
    }
}
