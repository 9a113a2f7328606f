package io.alarmhub.gateway.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Fails a fuzz test on what the pipelines only log: a buffer leak reported by Netty, and an exception a
 * handler caught as unexpected.
 *
 * <p>Leaks: Netty finds a leak only when the garbage collector has collected a buffer that was never
 * released, and reports it (an ERROR "LEAK: ..." on the {@code io.netty.util.ResourceLeakDetector} logger)
 * the next time a tracked buffer is allocated. {@link #check()} therefore collects garbage and allocates,
 * to let the detector drain its queue. Surefire runs the tests at {@code paranoid}, where every buffer is
 * tracked; the watch refuses to run at a lower level, where a leak could go unseen.
 *
 * <p>Unexpected exceptions: every gateway handler ends the pipeline's exception path itself (it logs at
 * WARN with the cause, and closes), so {@code EmbeddedChannel.checkException()} never sees them. Any
 * WARN or ERROR with a throwable from an {@code io.alarmhub.gateway} logger is taken as an exception that
 * escaped the decoders, and so is one from {@code io.netty.channel} (an exception that reached the end of
 * a pipeline, a failed promise).
 *
 * <p>The appender sees the whole JVM: a leak of another test class collected while a fuzz test runs would
 * be blamed on the fuzz test. {@link #install()} drains and forgets what is pending before a fuzz test starts.
 */
final class Watch extends AppenderBase<ILoggingEvent> {

    private static final Watch INSTANCE = new Watch();

    private final List<String> reports = new ArrayList<>();

    private Watch() {
    }

    /** Installs the watch (once per JVM) and forgets earlier reports. */
    static synchronized Watch install() {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("fuzz tests need -Dio.netty.leakDetection.level=paranoid, level is "
                    + ResourceLeakDetector.getLevel());
        }
        if (!INSTANCE.isStarted()) {
            Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
            INSTANCE.setContext(root.getLoggerContext());
            INSTANCE.setName("fuzz-watch");
            INSTANCE.start();
            Logger leaks = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
            leaks.addAppender(INSTANCE);
            leaks.setAdditive(true);
            if (!leaks.isErrorEnabled()) {
                leaks.setLevel(Level.ERROR);
            }
            for (String name : List.of("io.alarmhub.gateway", "io.netty.channel")) {
                Logger logger = (Logger) LoggerFactory.getLogger(name);
                logger.addAppender(INSTANCE);
                if (!logger.isWarnEnabled()) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
        drain();
        INSTANCE.take();
        return INSTANCE;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return;
        }
        if (event.getLoggerName().equals(ResourceLeakDetector.class.getName())) {
            if (event.getFormattedMessage().contains("LEAK")) {
                reports.add("leak: " + event.getFormattedMessage());
            }
        } else if (event.getThrowableProxy() != null) {
            reports.add("unexpected exception: " + event.getLoggerName() + ": " + event.getFormattedMessage()
                    + ": " + event.getThrowableProxy().getClassName() + ": "
                    + event.getThrowableProxy().getMessage());
        }
    }

    private synchronized List<String> take() {
        List<String> taken = List.copyOf(reports);
        reports.clear();
        return taken;
    }

    /** Throws when an unexpected exception was logged since the last check. Cheap: call after every input. */
    void checkExceptions() {
        List<String> found = peekExceptions();
        if (!found.isEmpty()) {
            take();
            throw new AssertionError(found.size() + " unexpected exception(s) logged; first: " + found.get(0));
        }
    }

    /**
     * Runs collections until one has cleared a fresh sentinel's weak reference and the JVM's reference
     * handler has put it on its queue: the signal that the references that collection cleared are being
     * enqueued. The handler enqueues one collection's references before the next one's, so after the
     * second round of {@link #drain} the leak detector's references to the buffers collected in the first
     * are all in its queue, where the allocations that follow each round make it look.
     */
    private static void collected() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        try {
            for (int attempt = 0; attempt < 100; attempt++) {
                System.gc();
                System.runFinalization();
                if (queue.remove(100) != null) {
                    return;
                }
            }
            throw new AssertionError("no garbage collection cleared a weak reference in 100 tries");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Reference.reachabilityFence(sentinel);
        }
    }

    private synchronized List<String> peekExceptions() {
        return reports.stream().filter(r -> r.startsWith("unexpected")).toList();
    }

    /** Collects garbage, lets Netty report leaks, and throws when anything was reported since the last check. */
    void check() {
        drain();
        List<String> found = take();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " problem(s) reported; first:\n" + found.get(0));
        }
    }

    private static void drain() {
        for (int i = 0; i < 2; i++) {
            collected();
            // Each tracked allocation polls the detector's queue of collected, unreleased buffers.
            for (int j = 0; j < 4; j++) {
                ByteBuf unpooled = Unpooled.buffer(1);
                unpooled.release();
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(1);
                pooled.release();
            }
        }
    }
}
