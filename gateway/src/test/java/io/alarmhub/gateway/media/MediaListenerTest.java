package io.alarmhub.gateway.media;

import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The media listener over real loopback, as the JDK's HTTP client and a raw socket see it. */
class MediaListenerTest {

    @TempDir
    Path dir;
    private MediaFixture server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

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
    void servesAKeptJpegAtItsUrl() throws Exception {
        Path jpeg = server.jpeg(320, 240);
        byte[] original = Files.readAllBytes(jpeg);
        MediaRef ref = server.store.keep(jpeg, MediaKind.PICTURE, "JPG", "snap.jpg");

        HttpResponse<byte[]> response = get(URI.create(ref.url()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(original);
        assertThat(response.headers().firstValue("content-type")).hasValue("image/jpeg");
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(original.length);
        assertThat(response.headers().firstValue("accept-ranges")).hasValue("bytes");
        String cache = response.headers().firstValue("cache-control").orElseThrow();
        assertThat(cache).startsWith("private, max-age=");
        long maxAge = Long.parseLong(cache.substring("private, max-age=".length()));
        assertThat(maxAge).isBetween(Duration.ofDays(7).toSeconds() - 60, Duration.ofDays(7).toSeconds());
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(decoded.getWidth()).isEqualTo(320);
        assertThat(decoded.getHeight()).isEqualTo(240);
        assertThat(server.count("200")).isEqualTo(1);
        assertThat(server.bytesSent()).isEqualTo(original.length);
    }

    @Test
    void answersHeadWithTheHeadersOnly() throws Exception {
        MediaRef ref = server.keepJpeg(64, 48);
        long size = Files.size(server.store.file(ref.key().orElseThrow()).orElseThrow());

        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(ref.url()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValueAsLong("content-length")).hasValue(size);
        assertThat(response.headers().firstValue("content-type")).hasValue("image/jpeg");
        assertThat(server.bytesSent()).isZero();
    }

    @Test
    void streamsAMultiMegabyteClipIntact() throws Exception {
        Path clip = server.video(9 * 1024 * 1024 + 17);
        byte[] original = Files.readAllBytes(clip);
        MediaRef ref = server.store.keep(clip, MediaKind.VIDEO, "mp4", "clip.mp4");

        HttpResponse<byte[]> response = get(URI.create(ref.url()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("video/mp4");
        assertThat(response.body().length).isEqualTo(original.length);
        assertThat(Arrays.equals(response.body(), original)).as("same bytes").isTrue();
        assertThat(server.bytesSent()).isEqualTo(original.length);
    }

    @Test
    void refusesAnExpiredUrl() throws Exception {
        String key = server.keepJpeg(16, 16).key().orElseThrow();

        HttpResponse<byte[]> response = get(server.signed(key, Instant.now().minusSeconds(5)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(text(response)).isEqualTo("{\"error\":\"url expired\"}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(server.count("403")).isEqualTo(1);
    }

    @Test
    void refusesABadOrMissingSignature() throws Exception {
        MediaRef ref = server.keepJpeg(16, 16);
        String key = ref.key().orElseThrow();
        long expires = Instant.now().plusSeconds(600).getEpochSecond();
        String sig = server.signer.sign(key, expires);
        String tampered = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);

        assertThat(get(server.uri("/media/" + key + "?expires=" + expires + "&sig=" + tampered)).statusCode())
                .isEqualTo(403);
        assertThat(text(get(server.uri("/media/" + key + "?expires=" + (expires + 1) + "&sig=" + sig))))
                .isEqualTo("{\"error\":\"bad signature\"}");
        assertThat(text(get(server.uri("/media/" + key)))).isEqualTo("{\"error\":\"missing signature\"}");
        assertThat(get(server.uri("/media/" + key + "?expires=soon&sig=" + sig)).statusCode()).isEqualTo(403);
        assertThat(get(server.uri("/media/" + key + "?expires=" + expires + "&sig=" + sig + "&sig=" + sig))
                .statusCode()).isEqualTo(403);
        // Another key's signature opens nothing.
        String other = server.keepJpeg(8, 8).key().orElseThrow();
        assertThat(get(server.uri("/media/" + other + "?expires=" + expires + "&sig=" + sig)).statusCode())
                .isEqualTo(403);
        assertThat(server.count("403")).isEqualTo(6);
        assertThat(get(server.uri("/media/" + key + "?expires=" + expires + "&sig=" + sig)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void answers404ForAnUnknownKeyWithAValidSignature() throws Exception {
        String unknown = "20250101-" + "ab".repeat(16) + ".jpg";

        HttpResponse<byte[]> response = get(server.signed(unknown, Instant.now().plusSeconds(600)));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(text(response)).isEqualTo("{\"error\":\"unknown media\"}");
    }

    @Test
    void neverServesAPathOutsideTheStoreEvenWhenSigned() throws Exception {
        Files.writeString(dir.resolve("secret.txt"), "outside");
        for (String key : new String[] {"../../secret.txt", "..%2F..%2Fsecret.txt", "%2e%2e/%2e%2e/secret.txt"}) {
            HttpResponse<byte[]> response = get(server.signed(key, Instant.now().plusSeconds(600)));
            assertThat(response.statusCode()).as(key).isIn(403, 404);
            assertThat(text(response)).as(key).doesNotContain("outside");
        }
        // The decoded form of the key is what is signed and checked: a valid signature still finds nothing.
        String decoded = "../../secret.txt";
        long expires = Instant.now().plusSeconds(600).getEpochSecond();
        HttpResponse<byte[]> response = get(server.uri("/media/..%2F..%2Fsecret.txt?expires=" + expires
                + "&sig=" + server.signer.sign(decoded, expires)));
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void servesASingleRange() throws Exception {
        Path clip = server.video(100_000);
        byte[] original = Files.readAllBytes(clip);
        MediaRef ref = server.store.keep(clip, MediaKind.VIDEO, "mp4", "clip.mp4");
        URI url = URI.create(ref.url());

        HttpResponse<byte[]> middle = get(url, "Range", "bytes=1000-1999");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("content-range")).hasValue("bytes 1000-1999/100000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(original, 1000, 2000));

        HttpResponse<byte[]> tail = get(url, "Range", "bytes=-10");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(original, 99_990, 100_000));

        HttpResponse<byte[]> open = get(url, "Range", "bytes=99000-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(original, 99_000, 100_000));

        HttpResponse<byte[]> past = get(url, "Range", "bytes=100000-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("content-range")).hasValue("bytes */100000");

        HttpResponse<byte[]> several = get(url, "Range", "bytes=0-1,5-6");
        assertThat(several.statusCode()).isEqualTo(200);
        assertThat(several.body()).isEqualTo(original);

        String etag = middle.headers().firstValue("etag").orElseThrow();
        assertThat(get(url, "Range", "bytes=0-9", "If-Range", etag).statusCode()).isEqualTo(206);
        assertThat(get(url, "Range", "bytes=0-9", "If-Range", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void refusesOtherMethodsAndPaths() throws Exception {
        MediaRef ref = server.keepJpeg(16, 16);

        HttpResponse<byte[]> post = client.send(HttpRequest.newBuilder(URI.create(ref.url()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(text(post)).isEqualTo("{\"error\":\"only GET and HEAD\"}");

        assertThat(get(server.uri("/")).statusCode()).isEqualTo(404);
        assertThat(get(server.uri("/mediafoo")).statusCode()).isEqualTo(404);
    }

    @Test
    void answersPipelinedRequestsInOrderOnOneConnection() throws Exception {
        Path clip = server.video(3 * 1024 * 1024);
        byte[] big = Files.readAllBytes(clip);
        URI bigUrl = URI.create(server.store.keep(clip, MediaKind.VIDEO, "mp4", "c.mp4").url());
        Path jpeg = server.jpeg(32, 32);
        byte[] small = Files.readAllBytes(jpeg);
        URI smallUrl = URI.create(server.store.keep(jpeg, MediaKind.PICTURE, "jpg", "s.jpg").url());
        URI unknown = server.signed("20250101-" + "cd".repeat(16) + ".png", Instant.now().plusSeconds(60));

        try (Socket socket = new Socket(server.address.getAddress(), server.address.getPort())) {
            socket.setSoTimeout(20_000);
            String requests = request("GET", bigUrl) + request("HEAD", smallUrl) + request("GET", unknown) + request("GET", smallUrl);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            Raw first = Raw.read(in, false);
            Raw second = Raw.read(in, true);
            Raw third = Raw.read(in, false);
            Raw fourth = Raw.read(in, false);

            assertThat(first.status).isEqualTo(200);
            assertThat(Arrays.equals(first.body, big)).isTrue();
            assertThat(second.status).isEqualTo(200);
            assertThat(second.headers.get("content-length")).isEqualTo(Integer.toString(small.length));
            assertThat(third.status).isEqualTo(404);
            assertThat(fourth.status).isEqualTo(200);
            assertThat(fourth.body).isEqualTo(small);
        }
    }

    @Test
    void closesAConnectionThatAsksForClose() throws Exception {
        MediaRef ref = server.keepJpeg(16, 16);
        URI url = URI.create(ref.url());
        try (Socket socket = new Socket(server.address.getAddress(), server.address.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET " + url.getRawPath() + "?" + url.getRawQuery()
                    + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            assertThat(Raw.read(in, false).status).isEqualTo(200);
            assertThat(in.read()).as("closed by the server").isEqualTo(-1);
        }
    }

    @Test
    void closesAnIdleConnection() throws Exception {
        try (MediaFixture quick = new MediaFixture(dir.resolve("quick"),
                new MediaHttpSettings("127.0.0.1", 0, Duration.ofMillis(300)));
             Socket socket = new Socket(quick.address.getAddress(), quick.address.getPort())) {
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            assertThat(socket.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    private HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String request(String method, URI url) {
        String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return method + " " + target + " HTTP/1.1\r\nHost: test\r\n\r\n";
    }

    /** One response read off a raw socket: status, headers, and a body of Content-Length bytes. */
    private record Raw(int status, Map<String, String> headers, byte[] body) {

        static Raw read(InputStream in, boolean head) throws IOException {
            String[] status = line(in).split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
            int length = head ? 0 : Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Raw(Integer.parseInt(status[1]), headers, in.readNBytes(length));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b == -1) {
                    throw new IOException("connection closed mid-response");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }
    }
}
