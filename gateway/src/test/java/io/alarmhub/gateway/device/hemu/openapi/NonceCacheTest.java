package io.alarmhub.gateway.device.hemu.openapi;

import io.alarmhub.gateway.device.hemu.openapi.NonceCache.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NonceCacheTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private final TestClock clock = new TestClock(Instant.parse("2025-01-01T00:00:00Z"));

    @Test
    void aNonceIsFreshOnceThenReplayed() {
        NonceCache cache = new NonceCache(10, WINDOW, clock);

        assertThat(cache.check("k-1", "n", now())).isEqualTo(Verdict.FRESH);
        assertThat(cache.check("k-1", "n", now())).isEqualTo(Verdict.REPLAYED);
        assertThat(cache.check("k-1", "n", now().plusSeconds(1))).as("another time, same nonce")
                .isEqualTo(Verdict.REPLAYED);
        assertThat(cache.check("k-2", "n", now())).as("another user's nonce").isEqualTo(Verdict.FRESH);
        assertThat(cache.check("k-1", "m", now())).isEqualTo(Verdict.FRESH);
    }

    @Test
    void aTimeBeyondTheWindowEitherSideIsStale() {
        NonceCache cache = new NonceCache(10, WINDOW, clock);

        assertThat(cache.check("k-1", "a", now().minus(WINDOW).minusSeconds(1))).isEqualTo(Verdict.STALE);
        assertThat(cache.check("k-1", "b", now().plus(WINDOW).plusSeconds(1))).isEqualTo(Verdict.STALE);
        assertThat(cache.check("k-1", "c", now().minus(WINDOW))).isEqualTo(Verdict.FRESH);
        assertThat(cache.check("k-1", "d", now().plus(WINDOW))).isEqualTo(Verdict.FRESH);
        assertThat(cache.size()).as("stale nonces are not remembered").isEqualTo(2);
    }

    @Test
    void comparesInstantsWhateverTheOffset() {
        NonceCache cache = new NonceCache(10, WINDOW, clock);

        OffsetDateTime beijing = now().withOffsetSameInstant(ZoneOffset.ofHours(8));
        assertThat(cache.check("k-1", "a", beijing)).isEqualTo(Verdict.FRESH);
        assertThat(cache.check("k-1", "b", now().withOffsetSameLocal(ZoneOffset.ofHours(8)))).isEqualTo(Verdict.STALE);
    }

    @Test
    void aNonceIsForgottenOnceItsWindowHasPassed() {
        NonceCache cache = new NonceCache(10, WINDOW, clock);
        OffsetDateTime sent = now();
        assertThat(cache.check("k-1", "n", sent)).isEqualTo(Verdict.FRESH);

        clock.advance(WINDOW);
        assertThat(cache.check("k-1", "n", sent)).as("at the window's end").isEqualTo(Verdict.REPLAYED);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.check("k-1", "n", sent)).as("a replay is stale by then").isEqualTo(Verdict.STALE);
        assertThat(cache.check("k-1", "other", now())).isEqualTo(Verdict.FRESH);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.check("k-1", "n", now())).as("forgotten: the same nonce with a new time")
                .isEqualTo(Verdict.FRESH);
    }

    @Test
    void aTimeAheadOfTheClockIsRememberedUntilItsOwnWindowEnds() {
        NonceCache cache = new NonceCache(10, WINDOW, clock);
        OffsetDateTime ahead = now().plus(WINDOW);
        assertThat(cache.check("k-1", "n", ahead)).isEqualTo(Verdict.FRESH);

        clock.advance(WINDOW.multipliedBy(2));
        assertThat(cache.check("k-1", "n", ahead)).isEqualTo(Verdict.REPLAYED);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.check("k-1", "n", ahead)).isEqualTo(Verdict.STALE);
    }

    @Test
    void isFullRatherThanForgetANonceEarly() {
        NonceCache cache = new NonceCache(2, WINDOW, clock);
        OffsetDateTime first = now();
        assertThat(cache.check("k-1", "a", first)).isEqualTo(Verdict.FRESH);
        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.check("k-1", "b", now())).isEqualTo(Verdict.FRESH);

        assertThat(cache.check("k-1", "c", now())).isEqualTo(Verdict.FULL);
        assertThat(cache.check("k-1", "a", first)).as("a replay, even when full").isEqualTo(Verdict.REPLAYED);
        assertThat(cache.check("k-1", "c", now())).as("refused, so not remembered").isEqualTo(Verdict.FULL);

        clock.advance(Duration.ofMinutes(4).plusMillis(1));
        assertThat(cache.check("k-1", "c", now())).as("the first one's window has passed").isEqualTo(Verdict.FRESH);
        assertThat(cache.check("k-1", "d", now())).isEqualTo(Verdict.FULL);
    }

    @Test
    void refusesAUselessConfiguration() {
        assertThatThrownBy(() -> new NonceCache(0, WINDOW, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonceCache(1, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NonceCache(1, Duration.ofDays(2), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {

        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("one zone is enough here");
        }
    }
}
