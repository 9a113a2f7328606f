package io.alarmhub.core.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaSignerTest {

    private static final String KEY = "20250101-00112233445566778899aabbccddeeff.jpg";
    private static final long EXPIRES = 1_700_000_000L;

    private final MediaSigner signer = new MediaSigner(secret((byte) 7));

    @Test
    void verifiesItsOwnSignatureUntilItExpires() {
        String sig = signer.sign(KEY, EXPIRES);

        assertThat(sig).matches("[A-Za-z0-9_-]{43}");
        assertThat(signer.verify(KEY, EXPIRES, sig, EXPIRES - 3600)).isTrue();
        assertThat(signer.verify(KEY, EXPIRES, sig, EXPIRES)).isTrue();
        assertThat(new MediaSigner(secret((byte) 7)).verify(KEY, EXPIRES, sig, EXPIRES)).isTrue();
    }

    @Test
    void matchesAnHmacSha256ComputedIndependently() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret((byte) 7), "HmacSHA256"));
        byte[] expected = mac.doFinal((KEY + "\n" + EXPIRES).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(java.util.Base64.getUrlDecoder().decode(signer.sign(KEY, EXPIRES))).isEqualTo(expected);
    }

    @Test
    void refusesAnExpiredSignature() {
        String sig = signer.sign(KEY, EXPIRES);

        assertThat(signer.verify(KEY, EXPIRES, sig, EXPIRES + 1)).isFalse();
        assertThat(signer.authentic(KEY, EXPIRES, sig)).as("still authentic, only expired").isTrue();
    }

    @Test
    void refusesATamperedKeyExpiryOrSignature() {
        String sig = signer.sign(KEY, EXPIRES);
        long now = EXPIRES - 10;

        assertThat(signer.verify(KEY.replace(".jpg", ".png"), EXPIRES, sig, now)).isFalse();
        assertThat(signer.verify(KEY, EXPIRES + 86_400, sig, now)).isFalse();
        char last = sig.charAt(sig.length() - 1);
        assertThat(signer.verify(KEY, EXPIRES, sig.substring(0, sig.length() - 1) + (last == 'A' ? 'B' : 'A'), now))
                .isFalse();
        assertThat(signer.verify(KEY, EXPIRES, sig + "A", now)).isFalse();
        assertThat(signer.verify(KEY, EXPIRES, sig.substring(1), now)).isFalse();
        assertThat(signer.verify(KEY, EXPIRES, "", now)).isFalse();
        assertThat(signer.verify(KEY, EXPIRES, null, now)).isFalse();
        assertThat(new MediaSigner(secret((byte) 8)).verify(KEY, EXPIRES, sig, now)).as("another secret").isFalse();
    }

    @Test
    void wantsA32ByteSecretAndKeepsACopy() {
        assertThatThrownBy(() -> new MediaSigner(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        byte[] secret = secret((byte) 7);
        MediaSigner copy = new MediaSigner(secret);
        String before = copy.sign(KEY, EXPIRES);
        Arrays.fill(secret, (byte) 0);

        assertThat(copy.sign(KEY, EXPIRES)).isEqualTo(before);
        assertThat(copy.toString()).doesNotContain("7");
    }

    private static byte[] secret(byte fill) {
        byte[] secret = new byte[MediaSigner.SECRET_BYTES];
        Arrays.fill(secret, fill);
        return secret;
    }
}
