package io.alarmhub.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A VStarcam camera that posts multipart alarms one after another, each with a picture of its own file
 * name ({@code alarm-<n>.jpg}): the name is what the event's {@code raw} keeps, so it names the alarm.
 * A request the kill cuts off is unanswered; the camera waits for the server and goes on.
 */
final class VStarcamCameraSimulator implements Runnable {

    private static final String BOUNDARY = "alarmhubcrashsuiteboundary";
    private static final String OK = "{\"code\":\"200\",\"message\":\"Success\"}";

    private final String vuid;
    private final ServerUp server;
    private final URI alarmUrl;
    private final long pauseMillis;
    private final AlarmTally tally;
    // HTTP/1.1 as cameras speak it; the JDK client would otherwise offer an h2c upgrade.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final byte[] picture = new byte[2048];
    private volatile boolean stopping;

    VStarcamCameraSimulator(String vuid, ServerUp server, int port, long pauseMillis, AlarmTally tally) {
        this.vuid = vuid;
        this.server = server;
        this.alarmUrl = URI.create("http://127.0.0.1:" + port + "/vstarcam/alarm");
        this.pauseMillis = pauseMillis;
        this.tally = tally;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            for (int n = 1; !stopping && server.await(); n++) {
                String file = "alarm-" + n + ".jpg";
                String key = AlarmTally.key("vstarcam", vuid, file);
                tally.sent.add(key);
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(alarmUrl)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body(file))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    (answer.statusCode() == 200 && OK.equals(answer.body()) ? tally.acknowledged : tally.refused).add(key);
                } catch (IOException serverGone) {
                    tally.unanswered.add(key);
                }
                Thread.sleep(pauseMillis); // paced sending: a camera's real alarm rate
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The form a camera posts: {@code vuid}, {@code type} 0x12 (motion) and the picture. */
    private byte[] body(String file) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, "vuid", vuid);
        field(body, "type", "0x12");
        write(body, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"picture\"; filename=\"" + file
                + "\"\r\nContent-Type: image/jpeg\r\n\r\n");
        body.writeBytes(picture);
        write(body, "\r\n--" + BOUNDARY + "--\r\n");
        return body.toByteArray();
    }

    private static void field(ByteArrayOutputStream body, String name, String value) {
        write(body, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    }

    private static void write(ByteArrayOutputStream body, String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
