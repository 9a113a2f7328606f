package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alarmhub.core.auth.AliasTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link AliasTokens}, which checks the tokens push clients send ({@code t:21}, {@code prove_alias}), under
 * arbitrary tokens, aliases and minting times. The input gives an alias, a second alias, a minting time
 * within two validities of now, and the rest is a token as a client would send it.
 *
 * <p>Asserted, for every input: {@code verify} returns an expiry after now and at most the validity plus the
 * skew ahead, or throws {@link AliasTokens.Refused} with one of its three messages, nothing else; a token it
 * accepts is exactly the one minted for that alias and expiry (the fuzzer cannot forge one); a token minted
 * for an alias verifies to its expiry for that alias when its expiry is in reach, is refused otherwise, and is
 * refused for any other alias, however alike (a lone surrogate is not its lenient encoding's {@code ?}).
 */
class AliasTokenFuzzTest {

    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final Duration VALIDITY = Duration.ofHours(1);
    private static final Duration SKEW = Duration.ofSeconds(300);
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final AliasTokens TOKENS = at(NOW);
    private static final Set<String> REFUSALS = Set.of("invalid alias token", "alias token expired",
            "alias token valid for longer than tokens.alias-token-validity: check the clocks");

    @FuzzTest(maxDuration = "30s")
    void tokens(FuzzedDataProvider data) {
        String alias = data.consumeString(64);
        String other = data.consumeString(64);
        long mintedAt = NOW.getEpochSecond() + data.consumeLong(-2 * VALIDITY.toSeconds(), 2 * VALIDITY.toSeconds());
        String token = data.consumeRemainingAsString();

        try {
            Instant expires = TOKENS.verify(token, alias);
            assertThat(expires).isAfter(NOW).isBeforeOrEqualTo(NOW.plus(VALIDITY).plus(SKEW));
            assertThat(token).as("an accepted token is the one minted").isEqualTo(at(expires.minus(VALIDITY))
                    .mint(alias).token());
        } catch (AliasTokens.Refused refused) {
            assertThat(refused.getMessage()).isIn(REFUSALS);
        }

        if (!AliasTokens.mintable(alias)) {
            return;
        }
        AliasTokens.Minted minted = at(Instant.ofEpochSecond(mintedAt)).mint(alias);
        Instant expiry = minted.expires();
        if (expiry.isAfter(NOW) && !expiry.isAfter(NOW.plus(VALIDITY).plus(SKEW))) {
            assertThat(TOKENS.verify(minted.token(), alias)).isEqualTo(expiry);
        } else {
            assertThatThrownBy(() -> TOKENS.verify(minted.token(), alias)).isInstanceOf(AliasTokens.Refused.class);
        }
        if (!other.equals(alias)) {
            assertThatThrownBy(() -> TOKENS.verify(minted.token(), other)).as("%s's token for %s", alias, other)
                    .isInstanceOf(AliasTokens.Refused.class).hasMessage("invalid alias token");
        }
    }

    private static AliasTokens at(Instant now) {
        return new AliasTokens(KEY, VALIDITY, SKEW, Clock.fixed(now, ZoneOffset.UTC));
    }
}
