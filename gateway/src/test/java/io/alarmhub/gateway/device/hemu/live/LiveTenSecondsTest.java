package io.alarmhub.gateway.device.hemu.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.testing.CameraStream;
import io.alarmhub.video.testing.MediaTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten seconds of a camera's live view, over HTTP-FLV and over WebSocket-FLV, for H.264 and H.265, kept as a viewer
 * received them and read by FFmpeg 8.1: the codec, every picture of the ten seconds, the audio, and nothing
 * FFmpeg complains of. The camera publishes only as fast as the viewer reads, so no GOP is skipped.
 */
class LiveTenSecondsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAMERA = "110234567894562";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SECONDS = 10;

    private final LiveFixture fixture = new LiveFixture(java.time.Clock.systemUTC());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private NettyLoops loops;
    private LiveListener listener;
    private String base;

    enum Transport { HTTP, WEBSOCKET }

    @BeforeEach
    void start() {
        loops = new NettyLoops(2);
        LiveSettings d = LiveSettings.DEFAULT;
        listener = new LiveListener(new LiveSettings("127.0.0.1", 0, d.idleTimeout(), d.requestTimeout(),
                d.maxViewersPerCamera(), d.maxViewers(), d.urlValidity(), d.writeBufferLowBytes(),
                d.writeBufferHighBytes()), loops, fixture.signer, fixture.aliasTokens, fixture.access,
                fixture.cameras, fixture.speakers, fixture.registry, fixture.clock);
        InetSocketAddress address = listener.start();
        base = "127.0.0.1:" + address.getPort();
    }

    @AfterEach
    void stop() {
        listener.close();
        loops.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tenSecondsOfH264WithFlacReadWhole(Transport transport) throws Exception {
        JsonNode probe = capture(transport, CameraStream.of(VideoCodec.H264, 640, 360, SECONDS), "flac_ffmpeg");

        assertThat(probe.path("streams").get(0).path("codec_name").asText()).isEqualTo("h264");
        assertThat(probe.path("streams").get(0).path("nb_read_frames").asInt()).isGreaterThanOrEqualTo(25 * SECONDS);
        assertThat(probe.path("streams").get(1).path("codec_name").asText()).isEqualTo("flac");
        assertThat(probe.path("format").path("duration").asDouble()).isGreaterThanOrEqualTo(SECONDS - 0.05);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tenSecondsOfH265WithALawReadWhole(Transport transport) throws Exception {
        JsonNode probe = capture(transport, CameraStream.of(VideoCodec.H265, 640, 360, SECONDS), "alaw");

        assertThat(probe.path("streams").get(0).path("codec_name").asText()).isEqualTo("hevc");
        assertThat(probe.path("streams").get(0).path("nb_read_frames").asInt()).isGreaterThanOrEqualTo(25 * SECONDS);
        assertThat(probe.path("streams").get(1).path("codec_name").asText()).isEqualTo("pcm_alaw");
        assertThat(probe.path("format").path("duration").asDouble()).isGreaterThanOrEqualTo(SECONDS - 0.05);
    }

    /**
     * Joins as a viewer, publishes the stream once more after its first GOP, each picture only once the viewer has
     * read one, keeps what the viewer received in a file and has ffprobe count its frames.
     */
    private JsonNode capture(Transport transport, CameraStream stream, String audio) throws Exception {
        Path file = Files.createTempFile(Path.of("target"), "live-" + transport, ".flv");
        Publisher camera = new Publisher(fixture.connect(CAMERA), stream);
        camera.publishGop();
        Semaphore read = new Semaphore(0);
        CompletableFuture<Void> joined = new CompletableFuture<>();
        String url = base + fixture.signed(CAMERA, audio);
        try (OutputStream out = Files.newOutputStream(file)) {
            Runnable stop = transport == Transport.HTTP ? http(url, out, read, joined) : webSocket(url, out, read,
                    joined);
            joined.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            read.release(8);
            for (int published = 0; published < 25 * SECONDS + 1; ) {
                if (camera.nextIsVideo()) {
                    assertThat(read.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the viewer reads").isTrue();
                    published++;
                }
                camera.next();
            }
            listener.cameraGone(CAMERA);
            stop.run();
        }
        return JSON.readTree(MediaTools.ffprobe8("-v", "error", "-count_frames", "-show_streams", "-show_format",
                "-of", "json", file.toString()));
    }

    /** Reads the HTTP-FLV body to its end into {@code out}; a permit per picture. */
    private Runnable http(String url, OutputStream out, Semaphore read, CompletableFuture<Void> joined)
            throws Exception {
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://" + url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> {
            try (InputStream body = new Tee(response.body(), out)) {
                FlvTagReader flv = new FlvTagReader(body);
                for (var tag = flv.next(); tag.isPresent(); tag = flv.next()) {
                    if (tag.get().picture()) {
                        joined.complete(null);
                        read.release();
                    }
                }
            } catch (IOException e) {
                joined.completeExceptionally(e);
            }
        }, "http-viewer");
        reader.start();
        return () -> join(reader);
    }

    /** Writes each WebSocket-FLV message into {@code out}; a permit per video tag. */
    private Runnable webSocket(String url, OutputStream out, Semaphore read, CompletableFuture<Void> joined)
            throws Exception {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        client.newWebSocketBuilder().buildAsync(URI.create("ws://" + url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                try {
                    out.write(bytes);
                } catch (IOException e) {
                    closed.completeExceptionally(e);
                }
                if (bytes.length > 0 && bytes[0] == 9) {
                    joined.complete(null);
                    read.release();
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                closed.complete(null);
                return null;
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return () -> closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    private static void join(Thread thread) {
        try {
            thread.join(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Passes a stream through, keeping a copy of what was read. */
    private static final class Tee extends FilterInputStream {
        private final OutputStream copy;

        Tee(InputStream in, OutputStream copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                copy.write(buffer, offset, n);
            }
            return n;
        }

        /** Skipped bytes are read, so that the copy has them too. */
        @Override
        public long skip(long count) throws IOException {
            byte[] skipped = new byte[(int) Math.min(count, 8192)];
            int n = read(skipped, 0, skipped.length);
            return Math.max(n, 0);
        }
    }
}
