package io.alarmhub.core.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Alias tokens: an app back end's word that a push connection speaks for an alias. The push faces take any
 * alias a client names, which is enough to receive; commanding a device needs more, so the back end (which
 * knows its user) mints a token for the alias over REST and the app proves its alias with it.
 *
 * <p>A token is {@code <expiry>.<mac>}: the expiry in Unix seconds (decimal digits), a dot, and the lowercase
 * hex of {@code HMAC-SHA256(aliasKey, UTF-8 of alias + "\n" + expiry)}. The alias key is derived from the REST
 * token key ({@code tokens.key}, 16 bytes), {@code aliasKey = HMAC-SHA256(tokenKey, "alarmhub alias token")},
 * so that every node holding that key verifies the tokens of every other, and the key is never used by two
 * algorithms. The alias is not in the token: a token proves only the alias it is checked against.
 *
 * <p>A token is accepted while the clock is before its expiry, and only if its expiry is at most the validity
 * plus the allowed clock skew ahead: lowering the validity shortens tokens already handed out, and a token
 * minted by a node whose clock runs far ahead is refused rather than trusted for longer than configured.
 */
public final class AliasTokens {

    /** The text the alias key is derived with. */
    static final String DERIVATION = "alarmhub alias token";
    /** Expiries have at most this many digits (Unix seconds until the year 33658). */
    private static final int MAX_EXPIRY_DIGITS = 12;
    private static final int MAC_HEX = 64;
    /** The longest text a token can be; longer input is refused before any work. */
    public static final int MAX_TOKEN_LENGTH = MAX_EXPIRY_DIGITS + 1 + MAC_HEX;

    /** A token as minted: the alias it speaks for, the token, and when it stops being accepted. */
    public record Minted(String alias, String token, Instant expires) {
    }

    /** A token refused, saying whether it was genuine but expired (a client to tell to fetch a new one). */
    public static final class Refused extends TokenException {

        private final boolean expired;

        Refused(String message, boolean expired) {
            super(message);
            this.expired = expired;
        }

        /** True for a token of this key and alias whose time is up; false for anything else wrong with it. */
        public boolean expired() {
            return expired;
        }
    }

    private final SecretKeySpec aliasKey;
    private final Duration validity;
    private final Duration skew;
    private final Clock clock;

    /**
     * @param tokenKeyHex the REST token key, 32 hex characters (see {@link AppTokens#parseKey})
     * @param validity    how long a minted token is accepted
     * @param skew        how far the clocks of the nodes sharing the key may disagree
     * @param clock       the clock tokens are minted and checked with
     */
    public AliasTokens(String tokenKeyHex, Duration validity, Duration skew, Clock clock) {
        if (validity.isNegative() || validity.isZero() || skew.isNegative()) {
            throw new IllegalArgumentException("an alias token's validity is positive and the skew not negative");
        }
        this.aliasKey = new SecretKeySpec(hmac(new SecretKeySpec(AppTokens.parseKey(tokenKeyHex), "HmacSHA256"),
                DERIVATION.getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        this.validity = validity;
        this.skew = skew;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Whether an alias can have a token: not empty, and well-formed Unicode. A lone surrogate (which JSON's
     * {@code \ud800} escape can carry) has no UTF-8 form; encoded leniently it would become {@code ?}, and
     * the tokens of two aliases would be the same.
     */
    public static boolean mintable(String alias) {
        return !alias.isEmpty() && utf8(alias).length > 0;
    }

    /**
     * Mints a token for {@code alias}, valid for the configured validity from now.
     *
     * @throws IllegalArgumentException when the alias is not {@link #mintable}
     */
    public Minted mint(String alias) {
        if (!mintable(alias)) {
            throw new IllegalArgumentException("an alias is not empty and is well-formed Unicode");
        }
        long expiry = clock.instant().plus(validity).getEpochSecond();
        String expiryText = Long.toString(expiry);
        return new Minted(alias, expiryText + "." + HexFormat.of().formatHex(mac(alias, expiryText)),
                Instant.ofEpochSecond(expiry));
    }

    /**
     * Checks that {@code token} was minted for {@code alias} with this key and is still valid.
     *
     * @return when the token stops being accepted
     * @throws Refused saying what is wrong: {@code invalid alias token} (malformed, another alias's,
     *                        another key's or forged: the three cannot be told apart), {@code alias token expired},
     *                        or an expiry too far ahead
     */
    public Instant verify(String token, String alias) {
        int dot = token.indexOf('.');
        if (token.length() > MAX_TOKEN_LENGTH || dot < 1 || dot > MAX_EXPIRY_DIGITS
                || token.length() - dot - 1 != MAC_HEX || !digits(token, 0, dot) || !hex(token, dot + 1)) {
            throw new Refused("invalid alias token", false);
        }
        if (!mintable(alias)) {
            throw new Refused("invalid alias token", false);
        }
        String expiryText = token.substring(0, dot);
        byte[] given = HexFormat.of().parseHex(token, dot + 1, token.length());
        if (!MessageDigest.isEqual(mac(alias, expiryText), given)) {
            throw new Refused("invalid alias token", false);
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(expiryText));
        Instant now = clock.instant();
        if (!now.isBefore(expires)) {
            throw new Refused("alias token expired", true);
        }
        if (expires.isAfter(now.plus(validity).plus(skew))) {
            throw new Refused("alias token valid for longer than tokens.alias-token-validity: check the clocks",
                    false);
        }
        return expires;
    }

    /** Whether a token that expires then is still accepted now. */
    public boolean accepted(Instant expires) {
        return clock.instant().isBefore(expires);
    }

    public Duration validity() {
        return validity;
    }

    private byte[] mac(String alias, String expiryText) {
        return hmac(aliasKey, utf8(alias + "\n" + expiryText));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] text) {
        try {
            // A Mac is not thread-safe; one per token costs microseconds, less than sharing one would.
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** The UTF-8 bytes of well-formed text; empty for text with a lone surrogate (or for empty text). */
    private static byte[] utf8(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            return new byte[0];
        }
    }

    /** ASCII digits only: {@code Character.isDigit} would take other scripts' digits too. */
    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hex(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
