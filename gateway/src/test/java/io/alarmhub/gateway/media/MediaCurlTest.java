package io.alarmhub.gateway.media;

import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The media listener as curl sees it: proof that a client outside the JDK fetches media as documented. */
class MediaCurlTest {

    @TempDir
    Path dir;
    private MediaFixture server;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @BeforeEach
    void start() {
        server = new MediaFixture(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsAKeptJpeg() throws Exception {
        Path jpeg = server.jpeg(640, 480);
        byte[] original = Files.readAllBytes(jpeg);
        MediaRef ref = server.store.keep(jpeg, MediaKind.PICTURE, "jpg", "snap.jpg");
        Path out = dir.resolve("curl.jpg");

        String result = curl("--output", out.toString(), "--write-out", "%{http_code} %{content_type}", ref.url());

        assertThat(result).isEqualTo("200 image/jpeg");
        assertThat(Files.readAllBytes(out)).isEqualTo(original);
    }

    @Test
    void asksForTheHeadersOnly() throws Exception {
        MediaRef ref = server.keepJpeg(100, 50);
        long size = Files.size(server.store.file(ref.key().orElseThrow()).orElseThrow());

        String headers = curl("--head", ref.url()).toLowerCase(java.util.Locale.ROOT);

        assertThat(headers).startsWith("http/1.1 200 ok");
        assertThat(headers).contains("content-length: " + size).contains("content-type: image/jpeg");
    }

    @Test
    void streamsAMultiMegabyteClipIntact() throws Exception {
        Path clip = server.video(12 * 1024 * 1024 + 3);
        byte[] original = Files.readAllBytes(clip);
        MediaRef ref = server.store.keep(clip, MediaKind.VIDEO, "mp4", "clip.mp4");
        Path out = dir.resolve("curl.mp4");

        String result = curl("--output", out.toString(), "--write-out", "%{http_code} %{size_download}", ref.url());

        assertThat(result).isEqualTo("200 " + original.length);
        assertThat(Arrays.equals(Files.readAllBytes(out), original)).as("same bytes").isTrue();
    }

    @Test
    void resumesAClipWithARange() throws Exception {
        Path clip = server.video(2 * 1024 * 1024);
        byte[] original = Files.readAllBytes(clip);
        MediaRef ref = server.store.keep(clip, MediaKind.VIDEO, "mp4", "clip.mp4");
        Path out = dir.resolve("part.mp4");

        String result = curl("--range", "1048576-", "--output", out.toString(), "--write-out", "%{http_code}",
                ref.url());

        assertThat(result).isEqualTo("206");
        assertThat(Files.readAllBytes(out)).isEqualTo(Arrays.copyOfRange(original, 1_048_576, original.length));
    }

    @Test
    void isRefusedAnExpiredOrBadUrlAndAnUnknownKey() throws Exception {
        String key = server.keepJpeg(16, 16).key().orElseThrow();
        long expires = Instant.now().plusSeconds(600).getEpochSecond();

        assertThat(curl("--write-out", "\\n%{http_code}", server.signed(key, Instant.now().minusSeconds(1)).toString()))
                .isEqualTo("{\"error\":\"url expired\"}\n403");
        assertThat(curl("--write-out", "\\n%{http_code}",
                server.base() + "/media/" + key + "?expires=" + expires + "&sig=" + "A".repeat(43)))
                .isEqualTo("{\"error\":\"bad signature\"}\n403");
        assertThat(curl("--write-out", "\\n%{http_code}",
                server.signed("20250101-" + "0f".repeat(16) + ".mp4", Instant.now().plusSeconds(60)).toString()))
                .isEqualTo("{\"error\":\"unknown media\"}\n404");
    }

    /** Runs curl quietly and returns what it wrote to standard output. */
    private static String curl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "30"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(process.exitValue()).as("curl exit status, output: %s", out).isZero();
        return out.replace("\r\n", "\n").strip();
    }
}
