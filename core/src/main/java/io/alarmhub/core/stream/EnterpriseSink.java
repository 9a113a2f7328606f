package io.alarmhub.core.stream;

import io.alarmhub.core.device.Device;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.EventSink;
import io.alarmhub.core.store.StoreOp;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Queues each device event for the enterprises its device belongs to, in the event's own transaction, and
 * tells the stream's dispatcher about the stored events once they are committed (in commit order).
 */
public final class EnterpriseSink implements EventSink {

    private final List<Enterprise> enterprises;
    private final StreamEvents mapping;
    private final Clock clock;
    private final Consumer<List<StreamEvent>> committed;

    public EnterpriseSink(List<Enterprise> enterprises, StreamEvents mapping, Clock clock,
                          Consumer<List<StreamEvent>> committed) {
        this.enterprises = List.copyOf(enterprises);
        this.mapping = mapping;
        this.clock = clock;
        this.committed = committed;
    }

    @Override
    public List<StoreOp> ops(DeviceEvent event, Device device) {
        List<StoreOp> ops = new ArrayList<>();
        Instant now = clock.instant();
        for (Enterprise enterprise : enterprises) {
            if (enterprise.owns(event.device())) {
                CompletableFuture<List<StreamEvent>> stored = new CompletableFuture<>();
                stored.thenAccept(committed);
                ops.add(new StoreOp.StreamAppend(enterprise.id(),
                        mapping.drafts(event, device, now, enterprise.retention()), stored));
            }
        }
        return ops;
    }
}
