package io.alarmhub.gateway.device.hemu.openapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The WSSE credentials every OpenAPI request carries, in two headers:
 * {@code Authorization: WSSE profile="UsernamePwd"} and
 * {@code X-WSSE: UsernamePwd Username="<accessKey>-<deviceId>", PasswordDigest="…", Nonce="…", Created="…"}.
 * The password digest is {@code Base64(SHA1(nonce + created + password))}, the password being the
 * manufacturer's access secret, the nonce and time as the characters sent.
 *
 * <p>{@link #create} reads the headers leniently (any whitespace, line breaks too, between the pairs; the
 * pairs in any order; names and the scheme words in any case; values quoted or not) and checks each value:
 * {@code Username} splits at its last {@code -} (an access key may contain hyphens; a device id does not)
 * into two non-empty parts, at most 256 printable ASCII characters in all, without quotes;
 * {@code PasswordDigest} is Base64 of 20 bytes; {@code Nonce} is 1 to 64 printable ASCII characters without
 * quotes; {@code Created} is an RFC 3339 date-time ({@code 2017-01-01T15:00:00+08:00}, {@code Z}, fractions
 * of a second). A name given twice is refused.
 * Whether the nonce is fresh is {@link NonceCache}'s to say.
 *
 * @param createdText the time as sent, which is what the digest covers
 * @param created     the time it reads as
 */
public record Wsse(String username, String accessKey, String deviceId, String passwordDigest, String nonce,
                   String createdText, OffsetDateTime created) {

    private static final int MAX_USERNAME = 256;
    private static final int MAX_NONCE = 64;
    private static final int MAX_CREATED = 64;
    private static final int SHA1_BYTES = 20;

    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendValue(ChronoField.YEAR, 4).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    /** Reads and checks both headers; throws {@link WsseException} saying what is wrong. */
    public static Wsse create(Optional<String> authorization, Optional<String> xWsse) {
        WsseHeaders.checkAuthorization(authorization.orElseThrow(() -> new WsseException("no Authorization header")));
        Map<String, String> pairs = WsseHeaders.xWsse(xWsse.orElseThrow(() -> new WsseException("no X-WSSE header")));
        String username = required(pairs, "Username");
        String passwordDigest = required(pairs, "PasswordDigest");
        String nonce = required(pairs, "Nonce");
        String createdText = required(pairs, "Created");

        int hyphen = username.lastIndexOf('-');
        if (hyphen < 1 || hyphen == username.length() - 1) {
            throw new WsseException("Username is not <accessKey>-<deviceId>");
        }
        if (username.length() > MAX_USERNAME || !isPlainAscii(username)) {
            throw new WsseException("Username is not up to " + MAX_USERNAME
                    + " printable ASCII characters without quotes");
        }
        if (decoded(passwordDigest).isEmpty()) {
            throw new WsseException("PasswordDigest is not Base64 of a SHA-1 digest");
        }
        if (nonce.length() > MAX_NONCE || !isPlainAscii(nonce)) {
            throw new WsseException("Nonce is not 1 to " + MAX_NONCE + " printable ASCII characters without quotes");
        }
        return new Wsse(username, username.substring(0, hyphen), username.substring(hyphen + 1), passwordDigest,
                nonce, createdText, created(createdText));
    }

    /** {@code Base64(SHA1(nonce + created + password))}, as a client computes it. */
    public static String digest(String nonce, String created, String password) {
        return Base64.getEncoder().encodeToString(sha1(nonce + created + password));
    }

    /** Whether the digest sent is this password's, compared in constant time. */
    public boolean digestMatches(String password) {
        return decoded(passwordDigest).map(sent -> MessageDigest.isEqual(sent, sha1(nonce + createdText + password)))
                .orElse(false);
    }

    /** Without the digest: with the nonce and time it would let a reader of the log guess at the secret. */
    @Override
    public String toString() {
        return "Wsse[username=" + username + ", nonce=" + nonce + ", created=" + createdText + "]";
    }

    private static String required(Map<String, String> pairs, String name) {
        String value = pairs.get(name.toLowerCase(Locale.ROOT));
        if (value == null || value.isEmpty()) {
            throw new WsseException("X-WSSE has no " + name);
        }
        return value;
    }

    private static OffsetDateTime created(String text) {
        if (text.length() <= MAX_CREATED) {
            try {
                return OffsetDateTime.parse(text, RFC_3339);
            } catch (DateTimeParseException e) {
                // Refused below, with the others.
            }
        }
        throw new WsseException("Created is not an RFC 3339 date-time");
    }

    private static Optional<byte[]> decoded(String digest) {
        try {
            byte[] bytes = Base64.getDecoder().decode(digest);
            return bytes.length == SHA1_BYTES ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Printable ASCII but the quote: what a quoted header value can hold, and a log line can show. */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"') {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}
