package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.alarmhub.gateway.device.hemu.live.LiveRequest.Credentials;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a talker asks for: {@code /talk/{deviceId}?format=pcm|alaw} and its credentials, as a viewer shows them
 * ({@link LiveRequest}): {@code expires=…&sig=…} (a URL signed for talk, not a live one) or
 * {@code alias=…&alias_token=…}. Without {@code format}, PCM.
 *
 * @param deviceId    the camera, 15 digits
 * @param format      what the talker's messages hold
 * @param credentials how the talker shows it may talk
 */
record TalkRequest(String deviceId, TalkFormat format, Credentials credentials) {

    /** What every talk path starts with: the live listener sends such requests here. */
    static final String PREFIX = "/talk/";

    private static final Pattern PATH = Pattern.compile("/talk/([0-9]{15})");

    /** Whether {@code uri} asks for talk rather than live view. */
    static boolean asks(String uri) {
        return uri.startsWith(PREFIX);
    }

    /** Reads a request target; a path that names no camera is 404, anything else unreadable 400. */
    static TalkRequest parse(String uri) {
        if (uri.length() > LiveRequest.MAX_URI_LENGTH) {
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
            throw new LiveRefusal(Reason.NOT_FOUND, "not found: talk is at /talk/{deviceId}");
        }
        return new TalkRequest(path.group(1), format(query), LiveRequest.credentials(query));
    }

    private static TalkFormat format(Map<String, List<String>> query) {
        Optional<String> name = LiveRequest.single(query, "format");
        if (name.isEmpty()) {
            return TalkFormat.PCM;
        }
        return TalkFormat.named(name.get())
                .orElseThrow(() -> new LiveRefusal(Reason.MALFORMED, "format is pcm or alaw"));
    }
}
