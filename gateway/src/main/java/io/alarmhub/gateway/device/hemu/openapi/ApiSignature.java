package io.alarmhub.gateway.device.hemu.openapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The request signature of the OpenAPI: the lowercase hex MD5 of
 * {@code accessSecret + "accessKey=" + accessKey + "jsonObject=" + jsonObject}, over the parameter values as
 * {@link BatchParameters} read them (form-decoded, or the raw JSON verbatim), in UTF-8.
 */
public final class ApiSignature {

    private static final HexFormat HEX = HexFormat.of();

    private ApiSignature() {
    }

    /** The signature a client sends for these values. */
    public static String of(String accessSecret, String accessKey, String jsonObject) {
        return HEX.formatHex(md5(accessSecret, accessKey, jsonObject));
    }

    /**
     * Whether {@code expectedHex} (as the client sent it, hex digits in either case) is the signature of these
     * values. Compared in constant time, so that the answer's timing does not tell how much of a forged
     * signature was right.
     */
    public static boolean matches(String expectedHex, String accessSecret, String accessKey, String jsonObject) {
        byte[] sent = asciiLowerCase(expectedHex).getBytes(StandardCharsets.UTF_8);
        byte[] computed = of(accessSecret, accessKey, jsonObject).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(sent, computed);
    }

    private static byte[] md5(String accessSecret, String accessKey, String jsonObject) {
        String signed = accessSecret + "accessKey=" + accessKey + "jsonObject=" + jsonObject;
        try {
            return MessageDigest.getInstance("MD5").digest(signed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    // ASCII only: what matches must not depend on Unicode's case tables.
    private static String asciiLowerCase(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
