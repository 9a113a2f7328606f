package io.alarmhub.bench.peer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelTest {

    @Test
    void everyReceiverIsOpenedInTheOrderOfItsNumber() throws Exception {
        List<Integer> opened = Parallel.open(100, k -> k, k -> { });

        assertThat(opened).hasSize(100).isSorted().startsWith(0).endsWith(99);
    }

    @Test
    void whenOneFailsTheOthersAreClosedAndTheFailureIsThrown() {
        Set<Integer> closed = ConcurrentHashMap.newKeySet();

        assertThatThrownBy(() -> Parallel.open(10, k -> {
            if (k == 3) {
                throw new IOException("connection refused");
            }
            return k;
        }, closed::add)).isInstanceOf(IOException.class).hasMessage("connection refused");
        assertThat(closed).containsExactlyInAnyOrder(0, 1, 2, 4, 5, 6, 7, 8, 9);
    }
}
