package io.alarmhub.gateway.device.vstarcam;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A multipart/form-data body built by hand, as a camera's firmware would, for the JDK client. */
final class Multipart {

    final String boundary = "----VStarcamBoundary7MA4YWxkTrZu0gW";
    private final List<BodyPublisher> parts = new ArrayList<>();

    Multipart field(String name, String value) {
        parts.add(BodyPublishers.ofString("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n",
                StandardCharsets.UTF_8));
        return this;
    }

    Multipart file(String name, Path file, String contentType) throws FileNotFoundException {
        parts.add(head(name, file.getFileName().toString(), contentType));
        parts.add(BodyPublishers.ofFile(file));
        parts.add(BodyPublishers.ofString("\r\n"));
        return this;
    }

    Multipart bytes(String name, String filename, byte[] content, String contentType) {
        parts.add(head(name, filename, contentType));
        parts.add(BodyPublishers.ofByteArray(content));
        parts.add(BodyPublishers.ofString("\r\n"));
        return this;
    }

    private BodyPublisher head(String name, String filename, String contentType) {
        return BodyPublishers.ofString("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n", StandardCharsets.UTF_8);
    }

    /** The part heads up to the first byte of a file's content, for bodies streamed by a test. */
    String fileHead(String name, String filename, String contentType) {
        return "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n";
    }

    String end() {
        return "--" + boundary + "--\r\n";
    }

    BodyPublisher publisher() {
        List<BodyPublisher> all = new ArrayList<>(parts);
        all.add(BodyPublishers.ofString(end()));
        return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }
}
