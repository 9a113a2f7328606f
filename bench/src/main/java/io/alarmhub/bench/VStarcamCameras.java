package io.alarmhub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** VStarcam cameras: multipart alarms and JSON heartbeats over the JDK HttpClient. */
final class VStarcamCameras {
    private static final String BOUNDARY = "alarmhubbench7d1f";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final byte[] picture;

    VStarcamCameras(int port, int pictureBytes) {
        this.base = "http://127.0.0.1:" + port + "/vstarcam/";
        this.picture = new byte[Math.max(1, pictureBytes)];
        new java.util.Random(5).nextBytes(picture);
        picture[0] = (byte) 0xFF;
        if (picture.length > 1) {
            picture[1] = (byte) 0xD8;
        }
    }

    void heartbeat(String vuid) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "heartbeat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"vuid\":\"" + vuid + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"code\":\"200\"")) {
            throw new IOException("heartbeat of " + vuid + " answered " + answer.statusCode() + " " + answer.body());
        }
    }

    void alarm(String vuid, int seq, long intended, AtomicLong refused) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"vuid\"\r\n\r\n" + vuid + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n0x12\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"picture\"; filename=\""
                + DeviceAlarmRun.pictureName(intended, seq) + "\"\r\nContent-Type: image/jpeg\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "alarm"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(
                        head.getBytes(StandardCharsets.US_ASCII), picture,
                        tail.getBytes(StandardCharsets.US_ASCII)))).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((answer, error) -> {
            if (error != null || answer.statusCode() != 200 || !answer.body().contains("\"code\":\"200\"")) {
                if (refused.incrementAndGet() <= 5) {
                    System.err.println("camera alarm refused: " + (error != null ? error : answer.statusCode()
                            + " " + answer.body()));
                }
            }
        });
    }
}
