package io.alarmhub.bench;

import io.alarmhub.bench.peer.Link;
import io.alarmhub.bench.peer.Peer;
import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.scenario.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's publishers against a system that delivers each publish at once, in the bench's JVM. */
class RunnerTest {

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void eachPublisherSendsItsShareAndEveryMessageArrives(boolean acknowledges) throws Exception {
        Scenario scenario = Scenario.oneToOne("saturate", 3, 1000, 256, 8, 4);
        Echo echo = new Echo(acknowledges);

        Measurement run = Runner.run(echo, scenario, Duration.ofSeconds(30));

        assertThat(run.complete()).isTrue();
        assertThat(run.delivered()).isEqualTo(1000);
        assertThat(run.note()).doesNotContain("INCOMPLETE", "timed out");
        assertThat(echo.publisherOf).hasSize(1000);
        echo.publisherOf.forEach((seq, publisher) -> assertThat(publisher).isEqualTo(seq % 4));
        assertThat(run.server()).isEmpty();
    }

    /** Hands each publish straight to the recorder; acknowledges it too when the system does. */
    private static final class Echo implements Peer {
        private final boolean acknowledges;
        final Map<Integer, Integer> publisherOf = new ConcurrentHashMap<>();

        Echo(boolean acknowledges) {
            this.acknowledges = acknowledges;
        }

        @Override
        public String name() {
            return "echo";
        }

        @Override
        public OptionalLong pid() {
            return OptionalLong.empty();
        }

        @Override
        public boolean acknowledgesPublish() {
            return acknowledges;
        }

        @Override
        public Link open(Scenario scenario, LatencyRecorder recorder, IntConsumer published) {
            return new Link() {
                @Override
                public void publish(int publisher, int seq, String body) {
                    assertThat(publisherOf.put(seq, publisher)).isNull();
                    recorder.received(body);
                    if (acknowledges) {
                        published.accept(publisher);
                    }
                }

                @Override
                public long errors() {
                    return 0;
                }

                @Override
                public void close() {
                    // nothing to close
                }
            };
        }

        @Override
        public void close() {
            // nothing to close
        }
    }
}
