package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.media.MediaKind;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the URL of a picture or clip of the FTP (2221) and cloud (2223) schemes from
 * {@link JovisionSettings#mediaUrlTemplate()}. The vendor's document says only that the server organizes
 * the URL from the CloudSEE number and the timestamp; where the device uploaded the file is the
 * operator's knowledge, hence a template.
 *
 * <p>Placeholders: {@code {dguid}}, {@code {ats}}, {@code {dcn}} (0 when the message has none: the upload
 * messages of the FTP scheme carry no channel, so a template using it gives different URLs for the alarm
 * and its uploads), {@code {ext}} ({@code jpg} for pictures, {@code mp4} for clips) and {@code {name}} (the
 * file name the device sent, else {@code {ats}.{ext}}). Values that come from the device ({@code dguid},
 * {@code name}) are inserted as one path segment: everything but {@code A-Z a-z 0-9 - . _ ~} is
 * percent-encoded (a {@code /} too), and a name of only dots is encoded whole, so that a device cannot
 * steer the URL outside the place the operator's template points to.
 */
final class JovisionMediaUrls {

    private static final Set<String> PLACEHOLDERS = Set.of("dguid", "ats", "dcn", "ext", "name");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String template;

    JovisionMediaUrls(String template) {
        validate(template);
        this.template = template;
    }

    /** Refuses a template with an unknown placeholder or an unclosed brace: a typo should fail at start. */
    static void validate(String template) {
        if (template.isBlank()) {
            throw new IllegalArgumentException("media-url-template: must not be empty");
        }
        int i = 0;
        while ((i = template.indexOf('{', i)) >= 0) {
            int end = template.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("media-url-template: " + template + " has an unclosed '{'");
            }
            String name = template.substring(i + 1, end);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("media-url-template: " + template + " has an unknown placeholder {"
                        + name + "}; known are " + PLACEHOLDERS);
            }
            i = end + 1;
        }
    }

    String url(String dguid, long ats, int dcn, MediaKind kind, Optional<String> name) {
        String ext = kind == MediaKind.PICTURE ? "jpg" : "mp4";
        StringBuilder url = new StringBuilder(template.length() + 32);
        int from = 0;
        int open;
        while ((open = template.indexOf('{', from)) >= 0) {
            int close = template.indexOf('}', open);
            url.append(template, from, open);
            switch (template.substring(open + 1, close)) {
                case "dguid" -> segment(url, dguid);
                case "ats" -> url.append(ats);
                case "dcn" -> url.append(dcn);
                case "ext" -> url.append(ext);
                case "name" -> segment(url, name.orElse(ats + "." + ext));
                default -> throw new IllegalStateException("validated template");
            }
            from = close + 1;
        }
        return url.append(template, from, template.length()).toString();
    }

    private static void segment(StringBuilder url, String value) {
        boolean onlyDots = value.chars().allMatch(c -> c == '.');
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !onlyDots);
            if (plain) {
                url.append(c);
            } else {
                url.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
    }
}
