package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.video.audio.ALaw;
import io.alarmhub.video.testing.MediaTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Two-way talk end to end on the packaged server: headless Chromium, its microphone a 1 kHz tone made by ffmpeg,
 * captures it in a page (getUserMedia, an AudioWorklet resampling to 8 kHz 16-bit PCM) and sends it on the talk
 * URL its owner got from {@code POST /hemu/live}; the command-line camera ({@code hemu camera --hedgw --stay},
 * its own process) takes the RTP headers off the A-law it is sent and writes the rest to a file, in which the tone
 * is found again at its frequency. Meanwhile a second talker is turned away.
 */
class HemuTalkIT {

    private static final String DEVICE = "110234567894562";
    private static final String MAC = "2059a074e0bc";
    private static final String MOBILE = "13800138000";
    private static final int RATE = 8000;
    private static final double TONE_HZ = 1000;

    @TempDir
    Path dir;

    @Test
    void aBrowsersMicrophoneIsHeardByTheCameraAsTheToneItPlayed() throws Exception {
        Path tone = dir.resolve("tone.wav");
        MediaTools.ffmpeg("-f", "lavfi", "-i", "sine=f=1000:r=48000", "-t", "10", tone.toString());
        Path heard = dir.resolve("heard.alaw");
        try (ServerProcess server = HemuFixture.server(dir).start()) {
            RestClient rest = new RestClient(server.rest);
            Process camera = camera(server, rest, heard);
            try {
                URI talk = URI.create(rest.postOk("/hemu/live/" + DEVICE, "{\"alias\":\"alice\"}").path("talk")
                        .asText());
                assertThat(talk.getPath()).isEqualTo("/talk/" + DEVICE);
                JsonNode stopped;
                try (TalkingBrowser browser = TalkingBrowser.start(talk, tone, dir.resolve("chromium"))) {
                    browser.await("talking", Duration.ofSeconds(60));
                    await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                            .until(() -> Files.exists(heard) && Files.size(heard) >= 3 * RATE);

                    assertThat(secondTalker(talk)).as("one talker a camera").isEqualTo(409);
                    assertThat(plainGet(talk)).as("talk is a WebSocket").isEqualTo(426);
                    assertThat(Scrape.value(server, "alarmhub_hemu_talk_talkers")).isEqualTo(1);

                    stopped = browser.stop(Duration.ofSeconds(20));
                }
                assertThat(stopped.path("closeCode").asInt()).as("the server echoed the page's close").isEqualTo(1000);
                assertThat(stopped.path("bytes").asLong()).isPositive();

                byte[] alaw = Files.readAllBytes(heard);
                // Half a second in: past what the fake microphone and the worklet do while they start.
                short[] pcm = decode(alaw, RATE / 2);
                assertThat(pcm.length).as("two and a half seconds at least").isGreaterThanOrEqualTo(5 * RATE / 2);
                assertThat(dominantFrequency(pcm)).as("the tone's frequency").isCloseTo(TONE_HZ, within(30.0));
                assertThat(rms(pcm)).as("ffmpeg's sine is an eighth of full scale").isBetween(1500.0, 4000.0);
                assertThat(Scrape.value(server, "alarmhub_hemu_talk_packets_total", "outcome=\"sent\""))
                        .as("every 160 bytes the camera heard came in a package of its own")
                        .isGreaterThanOrEqualTo(alaw.length / 160.0);
                assertThat(Scrape.value(server, "alarmhub_hemu_talk_packets_total", "outcome=\"dropped\"")).isZero();
                assertThat(Scrape.value(server, "alarmhub_hemu_talk_sessions_total")).isEqualTo(1);
                assertThat(Scrape.value(server, "alarmhub_hemu_talk_refused_total", "reason=\"talking\""))
                        .isEqualTo(1);
            } finally {
                camera.destroy();
                camera.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The status a second talker's WebSocket upgrade is answered with. */
    private static int secondTalker(URI talk) {
        Throwable refused = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(talk, new WebSocket.Listener() { }).join());
        assertThat(refused).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    /** The status of the talk URL asked for without an upgrade. */
    private static int plainGet(URI talk) throws Exception {
        URI http = URI.create("http" + talk.toString().substring("ws".length()));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(http).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The A-law's samples, from {@code skip} on. */
    private static short[] decode(byte[] alaw, int skip) {
        int n = Math.max(0, alaw.length - skip);
        short[] pcm = new short[n];
        ALaw.decode(alaw, alaw.length - n, n, pcm, 0);
        return pcm;
    }

    /** The frequency, 100 Hz to 3,900 Hz in steps of 5 Hz, at which the sound has the most power (Goertzel). */
    private static double dominantFrequency(short[] pcm) {
        double best = 0;
        double bestPower = -1;
        for (double hz = 100; hz < 3900; hz += 5) {
            double power = goertzel(pcm, hz);
            if (power > bestPower) {
                bestPower = power;
                best = hz;
            }
        }
        return best;
    }

    private static double goertzel(short[] pcm, double hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / RATE);
        double previous = 0;
        double beforeThat = 0;
        for (short sample : pcm) {
            double current = sample + coefficient * previous - beforeThat;
            beforeThat = previous;
            previous = current;
        }
        return previous * previous + beforeThat * beforeThat - coefficient * previous * beforeThat;
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short sample : pcm) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / pcm.length);
    }

    /** The command-line camera, registered to alice, staying connected and writing the talk it hears to a file. */
    private Process camera(ServerProcess server, RestClient rest, Path heard) throws Exception {
        Path jar = Path.of(System.getProperty("alarmhub.jar", "target/alarmhub.jar"));
        Path output = dir.resolve("camera.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toAbsolutePath().toString(), "hemu", "camera",
                "--api", "https://127.0.0.1:" + HemuFixture.port(server),
                "--trust", HemuFixture.certificate(server).toString(), "--access-key", "acme",
                "--device-id", DEVICE, "--mac", MAC, "--model", "acme_cam1", "--user-mobile", MOBILE,
                "--user-token", HemuFixture.grant(rest, "alice", MOBILE).get("userToken").asText(),
                "--hedgw", "--stay", "60s", "--talk-out", heard.toString())
                .redirectOutput(output.toFile()).redirectErrorStream(true);
        builder.environment().put("ALARMHUB_HEMU_SECRET", HemuFixture.ACME_SECRET);
        Process process = builder.start();
        await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(output) && Files.readString(output).contains("staying connected")
                        || !process.isAlive());
        assertThat(process.isAlive()).as(Files.readString(output)).isTrue();
        return process;
    }
}
