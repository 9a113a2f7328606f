package io.alarmhub.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How a Hemu camera proves itself on each request, written from the platform document and not from the
 * server's classes, so that the simulator checks the server rather than agreeing with it by construction:
 * the form's MD5 {@code signature} and the WSSE {@code PasswordDigest}. Public for the integration tests,
 * which make requests the simulator never would (a stale {@code Created}, a replayed nonce).
 */
public final class HemuAuth {

    private static final String NONCE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final int NONCE_LENGTH = 16;
    /** RFC 3339 with a numeric offset, {@code 2017-01-01T15:00:00+08:00}, as the document's examples are. */
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private HemuAuth() {
    }

    /** Lower-case MD5 hex of {@code secret + "accessKey=" + accessKey + "jsonObject=" + jsonObject}, the JSON as sent before URL encoding. */
    public static String signature(String accessSecret, String accessKey, String jsonObject) {
        return HexFormat.of().formatHex(digest("MD5",
                accessSecret + "accessKey=" + accessKey + "jsonObject=" + jsonObject));
    }

    /** Base64 of SHA-1 over {@code nonce + created + secret}. */
    public static String passwordDigest(String nonce, String created, String accessSecret) {
        return Base64.getEncoder().encodeToString(digest("SHA-1", nonce + created + accessSecret));
    }

    /** The {@code X-WSSE} header value. */
    public static String wsse(String username, String passwordDigest, String nonce, String created) {
        return "UsernamePwd Username=\"" + username + "\", PasswordDigest=\"" + passwordDigest
                + "\", Nonce=\"" + nonce + "\", Created=\"" + created + "\"";
    }

    /** 16 of A-Z 0-9. */
    public static String nonce(RandomGenerator random) {
        StringBuilder nonce = new StringBuilder(NONCE_LENGTH);
        for (int i = 0; i < NONCE_LENGTH; i++) {
            nonce.append(NONCE_ALPHABET.charAt(random.nextInt(NONCE_ALPHABET.length())));
        }
        return nonce.toString();
    }

    /** {@code at} to the second, in {@code zone}'s offset. */
    public static String created(Instant at, ZoneId zone) {
        return OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), zone).format(CREATED);
    }

    /**
     * The time in a 401's {@code Date} header: RFC 3339 as the document says, or the RFC 1123 form that
     * HTTP servers put there by default, since a server in front of the API may have replaced it.
     */
    static Optional<Instant> serverTime(String date) {
        String text = date.trim();
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notRfc3339) {
            try {
                return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException neither) {
                return Optional.empty();
            }
        }
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
