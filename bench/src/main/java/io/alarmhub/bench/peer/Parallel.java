package io.alarmhub.bench.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Opens many receivers at once. A blocking client's connect and subscribe cost round trips each
 * (Paho's take a good part of a second on a busy machine), so a thousand of them one by one would make
 * the set-up of a fan-out run last minutes. Set-up is not measured; only its length matters here.
 */
final class Parallel {

    private static final int THREADS = 32;

    /** What opens receiver {@code k}. */
    interface Opener<T> {
        T open(int k) throws Exception;
    }

    private Parallel() {
    }

    /** Opens {@code n} receivers; if any fails, closes those that opened and throws the first failure. */
    static <T> List<T> open(int n, Opener<T> opener, Consumer<T> closer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, THREADS));
        try {
            List<Future<T>> pending = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int receiver = k;
                pending.add(pool.submit(() -> opener.open(receiver)));
            }
            List<T> opened = new ArrayList<>();
            Exception failure = null;
            for (Future<T> future : pending) {
                try {
                    opened.add(future.get());
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            if (failure != null) {
                opened.forEach(closer);
                throw failure;
            }
            return opened;
        } finally {
            pool.shutdown();
        }
    }
}
