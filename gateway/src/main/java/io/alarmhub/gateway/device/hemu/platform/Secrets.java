package io.alarmhub.gateway.device.hemu.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The tokens the platform hands out, and the hashes it keeps of them instead. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String HEX = "0123456789abcdef";

    private Secrets() {
    }

    /** A {@code userToken}: 32 hex digits, as the document's example. */
    static String userToken() {
        return random(HEX, 32);
    }

    /** A {@code deviceToken}: 32 of A-Z 0-9 (the document's example has 25; its length is not fixed). */
    static String deviceToken() {
        return random(UPPER, 32);
    }

    /** A {@code unifiedId}: 18 of A-Z 0-9, as the document's example. */
    static String unifiedId() {
        return random(UPPER, 18);
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code token} hashes to {@code hash}, in time that does not depend on where they differ. */
    static boolean matches(String token, String hash) {
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String random(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
