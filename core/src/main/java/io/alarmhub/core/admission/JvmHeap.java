package io.alarmhub.core.admission;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * This JVM's heap, as its collectors report it: each collector's notification after a collection gives what it
 * left in each memory pool ({@code GcInfo.getMemoryUsageAfterGc}), summed here over the heap's pools; before the
 * first, each pool's own collection usage ({@link MemoryPoolMXBean#getCollectionUsage}) gives what the last one
 * left. Nothing is read per request.
 */
public final class JvmHeap implements HeapSource {

    @Override
    public long max() {
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return max > 0 ? max : Runtime.getRuntime().maxMemory();
    }

    @Override
    public long usedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Override
    public OptionalLong lastCollection() {
        long sum = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : heapPools()) {
            MemoryUsage usage = pool.isValid() ? pool.getCollectionUsage() : null;
            if (usage != null) {
                sum += usage.getUsed();
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    @Override
    public Subscription afterCollections(LongConsumer listener) {
        Set<String> heap = heapPools().stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        NotificationListener onCollection = (notification, handback) -> collected(notification, heap, listener);
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(onCollection, null, null);
                emitters.add(emitter);
            }
        }
        return () -> emitters.forEach(emitter -> {
            try {
                emitter.removeNotificationListener(onCollection);
            } catch (ListenerNotFoundException gone) {
                // already removed: nothing to do
            }
        });
    }

    private static void collected(Notification notification, Set<String> heap, LongConsumer listener) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc();
        long used = after.entrySet().stream().filter(pool -> heap.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
        listener.accept(used);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }
}
