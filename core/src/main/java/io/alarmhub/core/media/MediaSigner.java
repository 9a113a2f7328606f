package io.alarmhub.core.media;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs and checks the expiring URLs of kept media: HMAC-SHA256 over the key and the expiry time, so
 * that a URL opens only the file it names, only until it expires, and only if this node's secret made it.
 * Thread-safe.
 *
 * <p>The signed text is {@code key + "\n" + expires}; the expiry is decimal digits, so the last newline
 * splits it unambiguously. The signature is URL-safe base64 without padding (43 characters).
 */
public final class MediaSigner {

    /** The length of the secret, in bytes. */
    public static final int SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec secret;

    /** A signer with a fresh random secret: for URLs that only this process makes and checks. */
    public static MediaSigner random() {
        byte[] secret = new byte[SECRET_BYTES];
        new java.security.SecureRandom().nextBytes(secret);
        return new MediaSigner(secret);
    }

    /** @param secret {@value #SECRET_BYTES} random bytes; copied */
    public MediaSigner(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length != SECRET_BYTES) {
            throw new IllegalArgumentException("the media secret must be " + SECRET_BYTES + " bytes, was "
                    + secret.length);
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
        mac(); // fail now, not on the first URL, if the JDK lacks the algorithm
    }

    /** The signature of {@code key} valid until {@code expiresEpochSeconds}. */
    public String sign(String key, long expiresEpochSeconds) {
        Objects.requireNonNull(key, "key");
        return BASE64.encodeToString(mac().doFinal(signed(key, expiresEpochSeconds)));
    }

    /**
     * Whether {@code signature} was made by this signer for this key and expiry, whatever the time; compared
     * in constant time.
     */
    public boolean authentic(String key, long expiresEpochSeconds, String signature) {
        if (key == null || signature == null) {
            return false;
        }
        byte[] expected = sign(key, expiresEpochSeconds).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the URL parameters are authentic and not yet expired: valid up to and including the second
     * {@code expiresEpochSeconds}.
     */
    public boolean verify(String key, long expiresEpochSeconds, String signature, long nowEpochSeconds) {
        boolean authentic = authentic(key, expiresEpochSeconds, signature);
        return authentic && nowEpochSeconds <= expiresEpochSeconds;
    }

    private static byte[] signed(String key, long expires) {
        return (key + "\n" + expires).getBytes(StandardCharsets.UTF_8);
    }

    // A Mac is not thread-safe and initialising one is cheap next to an HTTP request.
    private Mac mac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    @Override
    public String toString() {
        return "MediaSigner[secret hidden]";
    }
}
