package io.alarmhub.core.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AliasTokensTest {

    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final Instant MINTED = Instant.ofEpochSecond(1_700_000_000L);
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration SKEW = Duration.ofSeconds(300);
    /** The README's test vector: alias {@code alice}, key {@link #KEY}, minted at {@link #MINTED} for 24 h. */
    private static final String ALICE = "1700086400.686dae524707069d4ee45a0aabec551bc5fc6c10ca9c5ba2bd743e5e4c7ab66c";

    private final TestClock clock = new TestClock(MINTED);
    private final AliasTokens tokens = new AliasTokens(KEY, DAY, SKEW, clock);

    @Test
    void mintsTheDocumentedTestVector() {
        AliasTokens.Minted minted = tokens.mint("alice");
        assertThat(minted.token()).isEqualTo(ALICE);
        assertThat(minted.alias()).isEqualTo("alice");
        assertThat(minted.expires()).isEqualTo(Instant.parse("2023-11-15T22:13:20Z"));
    }

    @Test
    void aTokenProvesItsAliasUntilItExpires() {
        String token = tokens.mint("alice").token();
        clock.now = MINTED.plus(DAY).minusSeconds(1);
        assertThat(tokens.verify(token, "alice")).isEqualTo(MINTED.plus(DAY));
        assertThat(tokens.accepted(MINTED.plus(DAY))).isTrue();

        clock.now = MINTED.plus(DAY);
        assertThatThrownBy(() -> tokens.verify(token, "alice"))
                .isInstanceOfSatisfying(AliasTokens.Refused.class, refused -> assertThat(refused.expired()).isTrue())
                .hasMessage("alias token expired");
        assertThat(tokens.accepted(MINTED.plus(DAY))).isFalse();
    }

    @Test
    void aTokenProvesNoOtherAlias() {
        String token = tokens.mint("alice").token();
        for (String other : new String[] {"bob", "alice ", "Alice", "alic", "alice\n1700086400"}) {
            assertThatThrownBy(() -> tokens.verify(token, other)).as(other)
                    .isInstanceOf(TokenException.class).hasMessage("invalid alias token");
        }
    }

    @Test
    void aTokenOfAnotherKeyIsRefusedAndOneOfTheSameKeyIsTakenOnAnyNode() {
        String other = new AliasTokens("ffeeddccbbaa99887766554433221100", DAY, SKEW, clock).mint("alice").token();
        assertThatThrownBy(() -> tokens.verify(other, "alice"))
                .isInstanceOf(TokenException.class).hasMessage("invalid alias token");

        AliasTokens anotherNode = new AliasTokens(KEY, DAY, SKEW, Clock.fixed(MINTED.plusSeconds(60), ZoneOffset.UTC));
        assertThat(anotherNode.verify(tokens.mint("alice").token(), "alice")).isEqualTo(MINTED.plus(DAY));
    }

    @Test
    void anyChangedCharacterOrALongerExpiryIsRefused() {
        String token = tokens.mint("alice").token();
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            char c = token.charAt(i);
            char changed = c == '0' ? '1' : '0';
            String tampered = token.substring(0, i) + changed + token.substring(i + 1);
            assertThatThrownBy(() -> tokens.verify(tampered, "alice")).as(tampered)
                    .isInstanceOf(TokenException.class).hasMessage("invalid alias token");
        }
        String later = "1700172800" + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> tokens.verify(later, "alice"))
                .isInstanceOf(TokenException.class).hasMessage("invalid alias token");
    }

    @Test
    void malformedTokensAreRefusedAsInvalid() {
        String mac = ALICE.substring(ALICE.indexOf('.') + 1);
        String[] bad = {"", ".", "1700086400", "1700086400.", "." + mac, "1700086400." + mac.toUpperCase(),
                "1700086400." + mac + "0", "1700086400." + mac.substring(1), "+1700086400." + mac,
                "١٧٠٠٠٨٦٤٠٠." + mac, "1700086400.." + mac, "0000000000001700086400." + mac, "x".repeat(10_000)};
        for (String token : bad) {
            assertThatThrownBy(() -> tokens.verify(token, "alice")).as(token)
                    .isInstanceOf(TokenException.class).hasMessage("invalid alias token");
        }
    }

    @Test
    void aTokenValidForLongerThanTheValidityAndTheSkewIsRefused() {
        AliasTokens longer = new AliasTokens(KEY, DAY.multipliedBy(2), SKEW, clock);
        String token = longer.mint("alice").token();
        assertThatThrownBy(() -> tokens.verify(token, "alice"))
                .isInstanceOf(TokenException.class).hasMessageStartingWith("alias token valid for longer than");

        AliasTokens aheadWithinSkew = new AliasTokens(KEY, DAY, SKEW,
                Clock.fixed(MINTED.plus(SKEW), ZoneOffset.UTC));
        assertThat(tokens.verify(aheadWithinSkew.mint("alice").token(), "alice")).isEqualTo(MINTED.plus(DAY).plus(SKEW));
    }

    @Test
    void aliasesBeyondAsciiAreMintedAndCheckedAsUtf8() {
        String token = tokens.mint("马丽").token();
        assertThat(tokens.verify(token, "马丽")).isEqualTo(MINTED.plus(DAY));
        assertThatThrownBy(() -> tokens.verify(token, "马")).isInstanceOf(TokenException.class);
        assertThatThrownBy(() -> tokens.mint("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAliasWithALoneSurrogateHasNoTokenRatherThanThatOfItsLenientEncoding() {
        // Encoded leniently, "\ud800" becomes "?": the two aliases would share their tokens.
        String question = tokens.mint("a?").token();
        assertThat(AliasTokens.mintable("a\ud800")).isFalse();
        assertThat(AliasTokens.mintable("")).isFalse();
        assertThat(AliasTokens.mintable("a\ud83d\ude00")).as("a whole surrogate pair is fine").isTrue();
        assertThatThrownBy(() -> tokens.mint("a\ud800")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.verify(question, "a\ud800"))
                .isInstanceOf(TokenException.class).hasMessage("invalid alias token");
        assertThat(tokens.verify(question, "a?")).isEqualTo(MINTED.plus(DAY));
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
