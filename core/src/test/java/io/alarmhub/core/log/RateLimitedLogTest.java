package io.alarmhub.core.log;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogTest {

    private final List<String> warnings = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final RateLimitedLog log = new RateLimitedLog(recording(), Duration.ofMinutes(1), nanos::get);

    @Test
    void writesTheFirstThenOnlyCountsUntilTheIntervalHasPassed() {
        assertThat(log.warn("disk full")).isTrue();
        assertThat(log.warn("disk full")).isFalse();
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(log.warn("disk full")).isFalse();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(log.warn("disk full again")).isTrue();
        assertThat(log.warn("disk full")).isFalse();

        assertThat(warnings).containsExactly("disk full",
                "disk full again (2 more like it since the last of these lines)");
    }

    /** A logger that keeps the text of its warnings; every other call does nothing. */
    private Logger recording() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("warn") && args != null && args[0] instanceof String text) {
                        warnings.add(text);
                    }
                    return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
    }
}
