package io.alarmhub.core.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppTokensTest {

    private static final String KEY = "000102030405060708090a0b0c0d0e0f";
    private static final Instant MINTED = Instant.ofEpochSecond(1_700_000_000L);
    private final AppTokens tokens = new AppTokens(KEY, Set.of("demo"), Duration.ofSeconds(300));

    @Test
    void xteaMatchesThePublishedAllZeroVector() {
        byte[] block = new byte[8];
        new Xtea(new byte[16]).encryptBlock(block, 0);
        assertThat(HexFormat.of().formatHex(block)).isEqualTo("dee9d4d8f7131ed9");
    }

    @Test
    void mintsTheDocumentedTestVector() {
        assertThat(tokens.mint("demo", MINTED)).isEqualTo("5af043614c2a0ada287e268ea835ebb9");
    }

    @Test
    void acceptsATokenWithinItsWindowEitherSide() {
        String token = tokens.mint("demo", MINTED);
        assertThat(tokens.verify(token, MINTED.plusSeconds(300))).isEqualTo("demo");
        assertThat(tokens.verify(token, MINTED.minusSeconds(300))).isEqualTo("demo");
    }

    @Test
    void refusesAnExpiredToken() {
        String token = tokens.mint("demo", MINTED);
        assertThatThrownBy(() -> tokens.verify(token, MINTED.plusSeconds(301)))
                .isInstanceOf(TokenException.class).hasMessage("token expired");
    }

    @Test
    void refusesATokenFromAheadOfTheWindowAsComingFromTheFuture() {
        String token = tokens.mint("demo", MINTED);
        assertThatThrownBy(() -> tokens.verify(token, MINTED.minusSeconds(301)))
                .isInstanceOf(TokenException.class).hasMessage("token from the future: check the clocks");
    }

    @Test
    void refusesAnUnknownAppATokenOfAnotherKeyAndGarbage() {
        String other = new AppTokens("ffeeddccbbaa99887766554433221100", Set.of("demo"), Duration.ofSeconds(300))
                .mint("demo", MINTED);
        String stranger = new AppTokens(KEY, Set.of("stranger"), Duration.ofSeconds(300)).mint("stranger", MINTED);
        for (String bad : new String[] {other, stranger, "", "xyz", "5af043614c2a0ada", "0".repeat(1000)}) {
            assertThatThrownBy(() -> tokens.verify(bad, MINTED))
                    .as(bad).isInstanceOf(TokenException.class).hasMessage("invalid token");
        }
    }
}
