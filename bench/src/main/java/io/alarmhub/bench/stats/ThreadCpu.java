package io.alarmhub.bench.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * The CPU time of the threads one part of the bench's JVM made through this factory, from the JVM's
 * {@link ThreadMXBean}: how the Netty forwarder, which runs inside the bench, gets a server CPU of its own.
 * A thread's time is counted while it lives; the forwarder's event-loop threads live as long as it does.
 */
public final class ThreadCpu implements CpuClock, ThreadFactory {

    private final ThreadFactory delegate;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    public ThreadCpu(ThreadFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = delegate.newThread(task);
        threads.add(thread);
        return thread;
    }

    @Override
    public OptionalLong nanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isThreadCpuTimeSupported() || !mx.isThreadCpuTimeEnabled()) {
            return OptionalLong.empty();
        }
        long sum = 0;
        for (Thread thread : threads) {
            // -1 for a thread not started yet or already gone
            sum += Math.max(0, mx.getThreadCpuTime(thread.getId()));
        }
        return OptionalLong.of(sum);
    }
}
