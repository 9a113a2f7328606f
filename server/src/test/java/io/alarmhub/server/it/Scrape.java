package io.alarmhub.server.it;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoublePredicate;

/** The server's {@code /metrics} text, read one sample family at a time. */
final class Scrape {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Scrape() {
    }

    static String text(ServerProcess server) throws IOException, InterruptedException {
        return text(server.metrics);
    }

    static String text(int metricsPort) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * The sum of the samples named {@code name} that carry every given label ({@code face="tcp"}); fails
     * if there is none, so that a renamed metric cannot pass as zero.
     */
    static double value(ServerProcess server, String name, String... labels) throws IOException, InterruptedException {
        String text = text(server);
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            boolean all = true;
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                found = true;
                sum += Double.parseDouble(line.substring(space + 1));
            }
        }
        if (!found) {
            throw new AssertionError("no sample " + name + " with " + String.join(",", labels) + " in:\n" + text);
        }
        return sum;
    }

    /** Polls until the value satisfies the condition, or the time is up; returns the last value read. */
    static double await(ServerProcess server, long millis, DoublePredicate condition, String name, String... labels) {
        AtomicReference<Double> last = new AtomicReference<>();
        try {
            Awaitility.await().atMost(Duration.ofMillis(millis)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        double v = value(server, name, labels);
                        last.set(v);
                        return condition.test(v);
                    });
        } catch (ConditionTimeoutException timeUp) {
            // the caller's assertion on the last value says what it was
        }
        return last.get();
    }
}
