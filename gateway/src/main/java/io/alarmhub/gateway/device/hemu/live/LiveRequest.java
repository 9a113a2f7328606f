package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.alarmhub.video.flv.AudioMode;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a viewer asks for: {@code /live/{deviceId}.flv?audio=flac|alaw|none|flac_ffmpeg} (the names of
 * {@link AudioMode}, in any case) and its credentials, either {@code expires=…&sig=…} or
 * {@code alias=…&alias_token=…}. Without {@code audio}, FLAC ({@link #DEFAULT_AUDIO}).
 *
 * @param deviceId    the camera, 15 digits
 * @param audio       the audio the FLV carries
 * @param credentials how the viewer shows it may watch
 */
record LiveRequest(String deviceId, AudioMode audio, Credentials credentials) {

    /** The longest request target read: a path, a signature and an alias token fit many times over. */
    static final int MAX_URI_LENGTH = 1024;

    /** Browsers are the viewers that cannot say what they want, and they play FLAC. */
    static final AudioMode DEFAULT_AUDIO = AudioMode.FLAC;

    private static final Pattern PATH = Pattern.compile("/live/([0-9]{15})\\.flv");
    private static final Pattern ALIAS = Pattern.compile("\\S{1,128}");
    private static final Pattern EXPIRES = Pattern.compile("[0-9]{1,12}");

    /** How a viewer shows it may watch. */
    sealed interface Credentials permits Signed, AliasToken {
    }

    /** A URL signed by {@link LiveUrls}: the signature over {@code live/{deviceId}} and the expiry. */
    record Signed(long expires, String signature) implements Credentials {
    }

    /** An alias and its token from the app back end ({@code AliasTokens}). */
    record AliasToken(String alias, String token) implements Credentials {
    }

    /** Reads a request target; a path that names no camera is 404, anything else unreadable 400. */
    static LiveRequest parse(String uri) {
        if (uri.length() > MAX_URI_LENGTH) {
            throw new LiveRefusal(Reason.MALFORMED, "request target too long");
        }
        QueryStringDecoder decoded;
        Map<String, List<String>> query;
        try {
            decoded = new QueryStringDecoder(uri);
            query = decoded.parameters();
        } catch (IllegalArgumentException e) {
            throw new LiveRefusal(Reason.MALFORMED, "malformed request target");
        }
        Matcher path = PATH.matcher(decoded.path());
        if (!path.matches()) {
            throw new LiveRefusal(Reason.NOT_FOUND, "not found: live view is at /live/{deviceId}.flv");
        }
        return new LiveRequest(path.group(1), audio(query), credentials(query));
    }

    /** The mode of that name in any case: {@code flac}, {@code alaw}, {@code none}, {@code flac_ffmpeg}. */
    static Optional<AudioMode> audioNamed(String name) {
        return Arrays.stream(AudioMode.values()).filter(mode -> mode.name().equalsIgnoreCase(name)).findFirst();
    }

    private static AudioMode audio(Map<String, List<String>> query) {
        Optional<String> name = single(query, "audio");
        if (name.isEmpty()) {
            return DEFAULT_AUDIO;
        }
        return audioNamed(name.get())
                .orElseThrow(() -> new LiveRefusal(Reason.MALFORMED, "audio is flac, alaw, none or flac_ffmpeg"));
    }

    /** The credentials of a live or talk request: a signature, or an alias with its token. */
    static Credentials credentials(Map<String, List<String>> query) {
        Optional<String> signature = single(query, "sig");
        Optional<String> expires = single(query, "expires");
        if (signature.isPresent() || expires.isPresent()) {
            if (signature.isEmpty() || expires.isEmpty() || !EXPIRES.matcher(expires.get()).matches()) {
                throw new LiveRefusal(Reason.SIGNATURE, "a signed URL has expires (Unix seconds) and sig");
            }
            return new Signed(Long.parseLong(expires.get()), signature.get());
        }
        Optional<String> alias = single(query, "alias");
        Optional<String> token = single(query, "alias_token");
        if (alias.isEmpty() && token.isEmpty()) {
            throw new LiveRefusal(Reason.SIGNATURE, "missing signature: expires and sig, or alias and alias_token");
        }
        if (alias.isEmpty() || token.isEmpty() || !ALIAS.matcher(alias.get()).matches()) {
            throw new LiveRefusal(Reason.ALIAS_TOKEN, "an alias token comes with its alias: alias and alias_token");
        }
        return new AliasToken(alias.get(), token.get());
    }

    /** A parameter given once; given twice it is ambiguous, and refused. */
    static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() != 1) {
            throw new LiveRefusal(Reason.MALFORMED, name + " is given more than once");
        }
        return Optional.of(values.get(0));
    }
}
