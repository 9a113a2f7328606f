package io.alarmhub.server;

import io.alarmhub.core.delivery.PushHub;
import io.alarmhub.store.SqlitePushStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;

/** The node-wide meters: what the store and the hub have done, and the JVM they run in. */
final class NodeMetrics {

    private NodeMetrics() {
    }

    static void register(MeterRegistry registry, SqlitePushStore store, PushHub hub) {
        FunctionCounter.builder("alarmhub.store.commits", store, SqlitePushStore::commits)
                .description("transactions committed (each holds a batch of operations)").register(registry);
        FunctionCounter.builder("alarmhub.store.operations", store, SqlitePushStore::committedOperations)
                .description("operations committed; over alarmhub.store.commits, the mean batch").register(registry);
        for (String reason : SqlitePushStore.writeFailureReasons()) {
            FunctionCounter.builder("alarmhub.store.write_failures", store, s -> s.writeFailures(reason))
                    .tag("reason", reason)
                    .description("operations the store failed: disk_full, io_error (the disk's), other")
                    .register(registry);
        }
        Gauge.builder("alarmhub.store.queued", store, SqlitePushStore::queued)
                .description("operations waiting for the store's writer").register(registry);
        FunctionCounter.builder("alarmhub.messages.published", hub, h -> h.counts().published())
                .description("messages stored (or, with time_to_live 0, dispatched)").register(registry);
        FunctionCounter.builder("alarmhub.messages.delivered", hub, h -> h.counts().delivered())
                .description("messages handed to connections, replays included").register(registry);
        FunctionCounter.builder("alarmhub.messages.acked", hub, h -> h.counts().acked())
                .description("pending entries cleared by an acknowledgement").register(registry);
        Gauge.builder("alarmhub.aliases.online", hub, h -> h.presence().onlineAliases())
                .description("aliases with at least one connection").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }
}
