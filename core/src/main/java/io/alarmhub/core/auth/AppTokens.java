package io.alarmhub.core.auth;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * Mints and checks REST tokens: hex of XTEA-CBC (zero IV, PKCS#7 padding) over the UTF-8 text
 * {@code appId:unixSeconds}. A token is accepted while its time is within the window of the server
 * clock, either side, and its app is known.
 */
public final class AppTokens {

    private static final int BLOCK = 8;
    private static final int MAX_TOKEN_HEX = 512;

    private final Xtea cipher;
    private final Set<String> apps;
    private final Duration window;

    /**
     * @param keyHex 32 hex characters (128 bits)
     * @param apps   the app ids that may publish and ask for information
     * @param window how far a token's time may be from the server's clock
     */
    public AppTokens(String keyHex, Set<String> apps, Duration window) {
        this.cipher = new Xtea(parseKey(keyHex));
        this.apps = Set.copyOf(apps);
        this.window = window;
    }

    public static byte[] parseKey(String keyHex) {
        if (keyHex == null || !keyHex.matches("[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("the token key must be 32 hex characters");
        }
        return HexFormat.of().parseHex(keyHex);
    }

    public String mint(String appId, Instant at) {
        if (appId.isEmpty() || appId.contains(":")) {
            throw new IllegalArgumentException("an app id is not empty and has no ':'");
        }
        byte[] text = (appId + ":" + at.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        int padding = BLOCK - text.length % BLOCK;
        byte[] data = new byte[text.length + padding];
        System.arraycopy(text, 0, data, 0, text.length);
        for (int i = text.length; i < data.length; i++) {
            data[i] = (byte) padding;
        }
        byte[] previous = new byte[BLOCK];
        for (int offset = 0; offset < data.length; offset += BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                data[offset + i] ^= previous[i];
            }
            cipher.encryptBlock(data, offset);
            System.arraycopy(data, offset, previous, 0, BLOCK);
        }
        return HexFormat.of().formatHex(data);
    }

    /** Returns the app id of a valid token; throws {@link TokenException} saying what is wrong otherwise. */
    public String verify(String token, Instant now) {
        String text = decrypt(token);
        int colon = text.lastIndexOf(':');
        long seconds;
        try {
            seconds = Long.parseLong(text.substring(colon + 1));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new TokenException("invalid token");
        }
        String appId = text.substring(0, Math.max(colon, 0));
        if (colon <= 0 || !apps.contains(appId)) {
            throw new TokenException("invalid token");
        }
        long age = now.getEpochSecond() - seconds;
        if (age > window.toSeconds()) {
            throw new TokenException("token expired");
        }
        if (-age > window.toSeconds()) {
            // Minted ahead of this server's clock: one of the two clocks is wrong, and waiting would not help.
            throw new TokenException("token from the future: check the clocks");
        }
        return appId;
    }

    private String decrypt(String token) {
        if (token.isEmpty() || token.length() > MAX_TOKEN_HEX || token.length() % (2 * BLOCK) != 0
                || !token.chars().allMatch(HexFormat::isHexDigit)) {
            throw new TokenException("invalid token");
        }
        byte[] data = HexFormat.of().parseHex(token);
        byte[] previous = new byte[BLOCK];
        byte[] current = new byte[BLOCK];
        for (int offset = 0; offset < data.length; offset += BLOCK) {
            System.arraycopy(data, offset, current, 0, BLOCK);
            cipher.decryptBlock(data, offset);
            for (int i = 0; i < BLOCK; i++) {
                data[offset + i] ^= previous[i];
            }
            System.arraycopy(current, 0, previous, 0, BLOCK);
        }
        int padding = data[data.length - 1];
        if (padding < 1 || padding > BLOCK) {
            throw new TokenException("invalid token");
        }
        for (int i = data.length - padding; i < data.length; i++) {
            if (data[i] != padding) {
                throw new TokenException("invalid token");
            }
        }
        return new String(data, 0, data.length - padding, StandardCharsets.UTF_8);
    }
}
