package io.alarmhub.gateway.fuzz;

import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.core.message.MessageIds;
import io.alarmhub.gateway.push.protocol.DoorUnits;
import io.alarmhub.gateway.push.protocol.PushContext;
import io.alarmhub.gateway.push.protocol.PushLimits;
import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.alarmhub.store.SqlitePushStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real push hub on a SQLite store in a temporary directory, one per fuzz test class. */
final class PushStores implements AutoCloseable {

    final Path dir;
    final SqlitePushStore store;
    final PushHub hub;
    final PushContext context;

    PushStores(Clock clock) {
        try {
            dir = Files.createTempDirectory("alarmhub-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = SqlitePushStore.open(dir.resolve("push.db"));
        hub = new PushHub(store, clock, new MessageIds(clock, 1), PushHub.Limits.DEFAULT);
        context = new PushContext(hub, new DoorUnits(), RoomCounts.NONE, PushLimits.DEFAULT);
    }

    /**
     * Lets what the connection asked of the store finish: the store runs its operations in order on one
     * commit thread, so once a later one is done the earlier ones are, and their continuations wait on the
     * connection's event loop. A few rounds, for replies that lead to further store operations.
     */
    void settle(LocalServer server) {
        for (int round = 0; round < 3; round++) {
            server.sync();
            hub.topics("~fuzz-settle").join();
            server.sync();
        }
    }

    @Override
    public void close() {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
