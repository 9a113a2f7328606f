package io.alarmhub.gateway.device.hemu.firmware;

import io.alarmhub.gateway.device.hemu.firmware.DeviceUpdate.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules a camera's update moves by, on values and a clock of the test's. */
class DeviceUpdateTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration TIMEOUT = Duration.ofHours(1);
    private static final long SESSION = 914570390;

    private final DeviceUpdate waiting = DeviceUpdate.waiting("0123456789ab", "110234567894562", "acme_cam1", T0);

    @Test
    void aSentUpdateMatchesItsSessionOnlyAndTimesOutAfterTheTimeout() {
        assertThat(waiting.matches(0)).as("nothing sent yet").isFalse();
        DeviceUpdate sent = waiting.sent(SESSION, T0, TIMEOUT);

        assertThat(sent.state()).isEqualTo(State.SENT);
        assertThat(sent.matches(SESSION)).isTrue();
        assertThat(sent.matches(SESSION + 1)).isFalse();
        assertThat(sent.deadline()).contains(T0.plus(TIMEOUT));
        assertThat(sent.overdue(T0.plus(TIMEOUT))).as("at the deadline").isFalse();
        assertThat(sent.overdue(T0.plus(TIMEOUT).plusMillis(1))).isTrue();
        assertThat(waiting.overdue(T0.plus(Duration.ofDays(365)))).as("a waiting update waits").isFalse();

        DeviceUpdate timedOut = sent.timedOut("no progress", T0.plus(TIMEOUT).plusSeconds(1));
        assertThat(timedOut.state()).isEqualTo(State.TIMED_OUT);
        assertThat(timedOut.state().ended()).isTrue();
        assertThat(timedOut.matches(SESSION)).as("ended: nothing moves it").isFalse();
        assertThat(timedOut.overdue(T0.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void progressGoesThroughDownloadAndInstallToInstalledThenTheVersionConfirms() {
        DeviceUpdate u = waiting.sent(SESSION, T0, TIMEOUT);
        for (int status : new int[] {1, 2, 3, 5, 6}) {
            u = u.progress(status, 50, 100, "", false, T0.plusSeconds(status)).orElseThrow();
            assertThat(u.state()).as("status %d", status).isEqualTo(State.UPDATING);
            assertThat(u.status()).isEqualTo(status);
            assertThat(u.statusWord()).isEqualTo(DeviceUpdate.STATUS_WORDS.get(status));
        }
        DeviceUpdate installed = u.progress(7, 100, 100, "", false, T0.plusSeconds(7)).orElseThrow();
        assertThat(installed.state()).isEqualTo(State.INSTALLED);
        assertThat(installed.statusWord()).isEqualTo("installed");
        assertThat(installed.progress(7, 100, 100, "", false, T0.plusSeconds(8))).as("7 again").isEmpty();
        assertThat(installed.matches(SESSION)).as("its progress still counts").isTrue();

        DeviceUpdate confirmed = installed.confirmed(T0.plusSeconds(9));
        assertThat(confirmed.state()).isEqualTo(State.CONFIRMED);
        assertThat(confirmed.state().ended()).isTrue();
        assertThat(confirmed.updated()).isEqualTo(T0.plusSeconds(9));
    }

    @Test
    void aSevenAfterTheNewVersionWasReportedConfirmsAtOnce() {
        DeviceUpdate sent = waiting.sent(SESSION, T0, TIMEOUT);

        assertThat(sent.progress(7, 0, 0, "", true, T0).orElseThrow().state()).isEqualTo(State.CONFIRMED);
    }

    @Test
    void fourAndEightFailWithTheCamerasCommentOrTheStatusWord() {
        DeviceUpdate sent = waiting.sent(SESSION, T0, TIMEOUT);

        DeviceUpdate download = sent.progress(4, 10, 100, "no space left on flash", false, T0).orElseThrow();
        DeviceUpdate install = sent.progress(8, 0, 0, "", false, T0).orElseThrow();

        assertThat(download.state()).isEqualTo(State.FAILED);
        assertThat(download.comment()).isEqualTo("no space left on flash");
        assertThat(download.statusWord()).isEqualTo("download_failed");
        assertThat(install.state()).isEqualTo(State.FAILED);
        assertThat(install.comment()).isEqualTo("install_failed");
        assertThat(download.matches(SESSION)).isFalse();
    }

    @Test
    void repeatedDownloadingReportsAreStoredOnlyAsTheirPercentageGrowsByTen() {
        DeviceUpdate u = waiting.sent(SESSION, T0, TIMEOUT).progress(2, 0, 1000, "", false, T0).orElseThrow();

        assertThat(u.progress(2, 50, 1000, "", false, T0)).as("5 %").isEmpty();
        DeviceUpdate ten = u.progress(2, 100, 1000, "", false, T0).orElseThrow();
        assertThat(ten.currentSize()).isEqualTo(100);
        assertThat(ten.progress(2, 199, 1000, "", false, T0)).as("19.9 %").isEmpty();
        assertThat(ten.progress(3, 199, 1000, "", false, T0)).as("another status").isPresent();
        DeviceUpdate ninetyFive = ten.progress(2, 950, 1000, "", false, T0).orElseThrow();
        assertThat(ninetyFive.progress(2, 1000, 1000, "", false, T0)).as("the whole of it").isPresent();
        assertThat(u.progress(2, 0, 0, "", false, T0)).as("sizes that say nothing").isEmpty();
    }

    @Test
    void hostileSizesNeitherThrowNorGoNegative() {
        DeviceUpdate u = waiting.sent(SESSION, T0, TIMEOUT);

        DeviceUpdate odd = u.progress(2, Long.MAX_VALUE, -5, "", false, T0).orElseThrow();
        assertThat(odd.totalSize()).isZero();
        assertThat(DeviceUpdate.percent(Long.MAX_VALUE, 1)).isEqualTo(100);
        assertThat(DeviceUpdate.percent(-1, 10)).isEqualTo(-1);
        assertThat(odd.progress(2, Long.MAX_VALUE, Long.MAX_VALUE, "", false, T0)).isPresent();
        assertThatThrownBy(() -> u.progress(9, 0, 0, "", false, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stepsThatDoNotFitTheStateAreRefused() {
        DeviceUpdate sent = waiting.sent(SESSION, T0, TIMEOUT);

        assertThatThrownBy(() -> sent.sent(SESSION, T0, TIMEOUT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> waiting.progress(1, 0, 0, "", false, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sent.confirmed(T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> waiting.timedOut("", T0)).isInstanceOf(IllegalStateException.class);
        DeviceUpdate cancelled = waiting.cancelled("the rollout was cancelled", T0);
        assertThat(cancelled.state()).isEqualTo(State.CANCELLED);
        assertThatThrownBy(() -> cancelled.cancelled("again", T0)).isInstanceOf(IllegalStateException.class);
        assertThat(sent.unsent(T0)).isEqualTo(waiting);
    }

    @Test
    void itIsStoredAndReadBackWhole() {
        DeviceUpdate u = waiting.sent(SESSION, T0, TIMEOUT).progress(4, 3, 9, "flash", false, T0.plusSeconds(1))
                .orElseThrow();

        assertThat(DeviceUpdate.of(u.json())).isEqualTo(u);
        assertThat(DeviceUpdate.of(waiting.json())).isEqualTo(waiting);
        assertThat(u.key()).isEqualTo("0123456789ab/110234567894562");
        assertThat(DeviceUpdate.skipped("r", "d", "m", "busy", T0).sent()).isEqualTo(Optional.empty());
    }
}
