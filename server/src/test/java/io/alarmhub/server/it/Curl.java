package io.alarmhub.server.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** curl, as a camera's HTTP stack stands in for: the body it prints, or a failure with what it said. */
final class Curl {

    private Curl() {
    }

    /** POSTs multipart form fields ({@code name=value}, {@code name=@file}); returns the response body. */
    static String form(String url, String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        for (String field : fields) {
            command.add("-F");
            command.add(field);
        }
        command.add(url);
        return run(command);
    }

    /** POSTs a JSON body; returns the response body. */
    static String json(String url, String body) throws IOException, InterruptedException {
        return run(List.of("curl", "-sS", "--max-time", "30", "-H", "Content-Type: application/json; charset=UTF-8",
                "--data-binary", body, url));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = curl.getInputStream().readAllBytes();
        if (!curl.waitFor(60, TimeUnit.SECONDS) || curl.exitValue() != 0) {
            throw new AssertionError("curl failed: " + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
