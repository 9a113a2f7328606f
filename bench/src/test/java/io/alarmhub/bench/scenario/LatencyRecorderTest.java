package io.alarmhub.bench.scenario;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyRecorderTest {

    private final Payload payload = new Payload(64);

    @Test
    void aFanOutPublishIsDeliveredOnceEverySubscriberHasReadIt() throws InterruptedException {
        List<Integer> delivered = new ArrayList<>();
        LatencyRecorder recorder = new LatencyRecorder(Scenario.fanOut(3, 2, 64, 1), delivered::add);
        String first = payload.render(System.nanoTime(), 0);

        recorder.received(first);
        recorder.received(first);
        assertThat(delivered).isEmpty();
        recorder.received(first);
        assertThat(delivered).containsExactly(0);
        assertThat(recorder.awaitAll(Duration.ZERO)).isFalse();
    }

    @Test
    void theRunIsCompleteWhenEveryExpectedDeliveryHasBeenRead() throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(Scenario.oneToOne(2, 3, 64, 1), seq -> { });
        for (int seq = 0; seq < 3; seq++) {
            recorder.received(payload.render(System.nanoTime(), seq));
        }

        assertThat(recorder.awaitAll(Duration.ZERO)).isTrue();
        assertThat(recorder.delivered()).isEqualTo(3);
        assertThat(recorder.histogram().getTotalCount()).isEqualTo(3);
        assertThat(recorder.histogram().getMinValue()).isPositive();
        assertThat(recorder.perTick()).isNotEmpty();
        assertThat(recorder.perTick()[0]).isEqualTo(3);
    }

    @Test
    void aRepeatedDeliveryDoesNotStandInForAMissingOne() throws InterruptedException {
        LatencyRecorder recorder = new LatencyRecorder(Scenario.oneToOne(1, 2, 64, 1), seq -> { });
        String first = payload.render(System.nanoTime(), 0);

        recorder.received(first);
        recorder.received(first);

        assertThat(recorder.awaitAll(Duration.ZERO)).isFalse();
        assertThat(recorder.delivered()).isEqualTo(1);
        assertThat(recorder.duplicates()).isEqualTo(1);
        assertThat(recorder.histogram().getTotalCount()).isEqualTo(1);
    }

    @Test
    void aBodyOfAnotherRunIsCountedAsUnreadableNotAsADelivery() {
        LatencyRecorder recorder = new LatencyRecorder(Scenario.oneToOne(1, 2, 64, 1), seq -> { });

        recorder.received(payload.render(System.nanoTime(), 7));
        recorder.received("{\"hello\":1}");

        assertThat(recorder.delivered()).isZero();
        assertThat(recorder.unreadable()).isEqualTo(2);
    }
}
