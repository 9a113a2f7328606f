package io.alarmhub.core.stream;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * An enterprise secret as stored: PBKDF2-HMAC-SHA256 with a random salt, written
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64). The secret itself is never kept.
 */
public final class SecretHash {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int ITERATIONS = 120_000;
    private static final int BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private SecretHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    public static SecretHash of(String secret) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new SecretHash(ITERATIONS, salt, derive(secret, salt, ITERATIONS));
    }

    /** Reads the stored form; throws {@link IllegalArgumentException} naming what is wrong. */
    public static SecretHash parse(String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("a secret hash reads " + PREFIX + "$<iterations>$<salt>$<hash>");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1) {
                throw new IllegalArgumentException("a secret hash needs at least one iteration");
            }
            return new SecretHash(iterations, Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a secret hash reads " + PREFIX + "$<iterations>$<salt>$<hash>", e);
        }
    }

    public boolean matches(String secret) {
        return MessageDigest.isEqual(hash, derive(secret, salt, iterations));
    }

    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Never the hash itself: this may end up in a log. */
    @Override
    public String toString() {
        return "SecretHash[" + PREFIX + "]";
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

}
