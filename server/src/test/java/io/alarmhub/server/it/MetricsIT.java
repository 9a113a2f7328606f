package io.alarmhub.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's metrics table against a real server: every {@code alarmhub_*} name it gives is exported from
 * the start (before any traffic), and the series dashboards need exist at zero.
 */
class MetricsIT {

    private static final Pattern NAME = Pattern.compile("`(alarmhub_[a-z_]+)`");

    @TempDir
    Path dir;

    @Test
    void everyMetricTheReadmeNamesIsExportedFromTheStart() throws Exception {
        Set<String> documented = documented();
        assertThat(documented).hasSizeGreaterThan(20);
        try (ServerProcess server = new ServerProcess(dir).start()) {
            String text = Scrape.text(server);
            Set<String> exported = new LinkedHashSet<>();
            text.lines().filter(line -> line.startsWith("# TYPE "))
                    .forEach(line -> exported.add(line.split(" ")[2]));
            assertThat(exported).as("exported at start:\n%s", String.join("\n", exported)).containsAll(documented);

            // Labelled series that dashboards sum or alert on, at zero before they first happen.
            assertThat(text).contains(
                    "alarmhub_push_closed_total{face=\"tcp\",reason=\"line_timeout\"} 0.0",
                    "alarmhub_push_bad_input_total{face=\"websocket\",reason=\"malformed\"} 0.0",
                    "alarmhub_rest_closed_total{reason=\"request_timeout\"} 0.0",
                    "alarmhub_rest_bad_requests_total{endpoint=\"push\",reason=\"token\"} 0.0",
                    "alarmhub_rest_bad_requests_total{endpoint=\"none\",reason=\"not_found\"} 0.0",
                    "alarmhub_rest_requests_total{endpoint=\"push\",status=\"200\"} 0.0",
                    "alarmhub_media_requests_total{status=\"404\"} 0.0",
                    "alarmhub_media_closed_total{reason=\"idle\"} 0.0",
                    "alarmhub_device_closed_total{reason=\"heartbeat_timeout\",vendor=\"jovision\"} 0.0",
                    "alarmhub_admission_refused_total{reason=\"in_flight\",source=\"jovision\"} 0.0",
                    "alarmhub_admission_refused_total{reason=\"heap\",source=\"rest\"} 0.0",
                    "alarmhub_stream_closed_total{reason=\"login_timeout\"} 0.0");

            HttpResponse<String> index = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.metrics + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
            assertThat(index.body()).contains("GET /metrics", "Prometheus text format");
        }
    }

    /** The names in the README's metrics table, which ends at the first paragraph after it. */
    private static Set<String> documented() throws Exception {
        String readme = Files.readString(QuickstartIT.README);
        String section = readme.substring(readme.indexOf("## Metrics"), readme.indexOf("## Performance"));
        Set<String> names = new LinkedHashSet<>();
        section.lines().filter(line -> line.startsWith("| `alarmhub_")).forEach(line -> {
            Matcher name = NAME.matcher(line);
            while (name.find()) {
                names.add(name.group(1));
            }
        });
        return names;
    }
}
