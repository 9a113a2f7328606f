package io.alarmhub.gateway.device.hemu.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.video.MediaFrame;
import io.alarmhub.video.VideoCodec;
import io.alarmhub.video.VideoFrame;
import io.alarmhub.video.live.LiveFeed;
import io.alarmhub.video.testing.CameraStream;
import io.alarmhub.video.testing.MediaTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.alarmhub.gateway.device.hemu.live.LiveFixture.CAMERA;
import static io.alarmhub.gateway.device.hemu.live.LiveFixture.OTHER_CAMERA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live listener on real loopback, fed by a test camera that publishes real H.264 or H.265 with A-law as fast
 * as the feed takes it, as the JDK's HTTP and WebSocket clients and FFmpeg 8.1's ffprobe see it.
 */
class LiveListenerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    /**
     * What a viewer that stopped reading may hold beyond the high watermark: the frame let through just under it (no
     * frame of the test streams is larger than {@link #MAX_FRAME}), and Netty's count of about 100 bytes for each
     * buffer of the chunks still queued as tasks when it crossed (a queued task counts its message's bytes alone).
     */
    private static final int MAX_FRAME = 16 * 1024;
    private static final int NETTY_ACCOUNTING_SLACK = 32 * 1024;

    private final LiveFixture fixture = new LiveFixture(Clock.systemUTC());
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private NettyLoops loops;
    private LiveListener listener;
    private String base;

    @BeforeEach
    void start() {
        loops = new NettyLoops(2);
        LiveSettings d = LiveSettings.DEFAULT;
        LiveSettings settings = new LiveSettings("127.0.0.1", 0, d.idleTimeout(), d.requestTimeout(),
                d.maxViewersPerCamera(), d.maxViewers(), d.urlValidity(), d.writeBufferLowBytes(),
                d.writeBufferHighBytes());
        listener = new LiveListener(settings, loops, fixture.signer,
                fixture.aliasTokens, fixture.access, fixture.cameras, fixture.speakers, fixture.registry,
                fixture.clock);
        InetSocketAddress address = listener.start();
        base = "http://127.0.0.1:" + address.getPort();
    }

    @AfterEach
    void stop() {
        listener.close();
        loops.close();
    }

    private LiveFeed streaming(String deviceId, CameraStream stream) {
        LiveFeed feed = fixture.connect(deviceId);
        LiveFixture.publishFirstGop(feed, stream);
        return feed;
    }

    /** The streams ffprobe finds at a live URL while the camera publishes. */
    private JsonNode probe(String deviceId, CameraStream stream, String audio) throws Exception {
        LiveFeed feed = fixture.connect(deviceId);
        try (Publisher camera = new Publisher(feed, stream).start()) {
            String out = MediaTools.ffprobe8("-v", "error", "-show_streams", "-of", "json",
                    base + fixture.signed(deviceId, audio));
            return JSON.readTree(out).get("streams");
        }
    }

    private static Optional<JsonNode> stream(JsonNode streams, String type) {
        for (JsonNode stream : streams) {
            if (stream.get("codec_type").asText().equals(type)) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    @Test
    void theJdkClientGetsVideoXFlvThatStartsWithTheFlvHeader() throws Exception {
        streaming(CAMERA, LiveFixture.h264());

        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base
                + fixture.signed(CAMERA, "alaw"))).build(), HttpResponse.BodyHandlers.ofInputStream());

        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type")).hasValue("video/x-flv");
            assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
            assertThat(response.headers().firstValue("content-length")).isEmpty();
            FlvTagReader flv = new FlvTagReader(body);
            assertThat(flv.hasAudio()).isTrue();
            assertThat(flv.next()).hasValueSatisfying(tag -> assertThat(tag.type()).as("onMetaData").isEqualTo(18));
        }
    }

    @Test
    void ffprobeReadsH264At640x360AndALawFromTheLiveUrl() throws Exception {
        JsonNode streams = probe(CAMERA, LiveFixture.h264(), "alaw");

        JsonNode video = stream(streams, "video").orElseThrow();
        assertThat(video.get("codec_name").asText()).isEqualTo("h264");
        assertThat(video.get("width").asInt()).isEqualTo(640);
        assertThat(video.get("height").asInt()).isEqualTo(360);
        JsonNode audio = stream(streams, "audio").orElseThrow();
        assertThat(audio.get("codec_name").asText()).isEqualTo("pcm_alaw");
        assertThat(audio.get("sample_rate").asInt()).isEqualTo(8000);
        assertThat(audio.get("channels").asInt()).isEqualTo(1);
    }

    @Test
    void ffprobeReadsFlacInTheLayoutFfmpegReadsFromTheLiveUrl() throws Exception {
        JsonNode streams = probe(CAMERA, LiveFixture.h264(), "flac_ffmpeg");

        assertThat(stream(streams, "video").orElseThrow().get("codec_name").asText()).isEqualTo("h264");
        JsonNode audio = stream(streams, "audio").orElseThrow();
        assertThat(audio.get("codec_name").asText()).isEqualTo("flac");
        assertThat(audio.get("sample_rate").asInt()).isEqualTo(8000);
        assertThat(audio.get("channels").asInt()).isEqualTo(1);
    }

    /** FFmpeg cannot read this layout (see {@code AudioMode.FLAC}): the tags are checked as mpegts.js finds them. */
    @Test
    void theBrowsersFlacComesAsEnhancedAudioTags() throws Exception {
        streaming(CAMERA, LiveFixture.h264());

        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base
                + fixture.signed(CAMERA, "flac"))).build(), HttpResponse.BodyHandlers.ofInputStream());

        try (InputStream body = response.body()) {
            FlvTagReader flv = new FlvTagReader(body);
            FlvTagReader.Tag audio = flv.next().orElseThrow();
            while (audio.type() != FlvTagReader.AUDIO) {
                audio = flv.next().orElseThrow();
            }
            assertThat(flv.hasAudio()).isTrue();
            assertThat((audio.head()[0] & 0xff) >> 4).as("SoundFormat: ExHeader").isEqualTo(9);
            assertThat(new String(audio.head(), 1, 4, StandardCharsets.ISO_8859_1)).isEqualTo("fLaC");
        }
    }

    @Test
    void ffprobeReadsH265InEnhancedFlvFromTheLiveUrl() throws Exception {
        JsonNode streams = probe(CAMERA, CameraStream.of(VideoCodec.H265, 640, 360, 2), "none");

        assertThat(streams).hasSize(1);
        JsonNode video = stream(streams, "video").orElseThrow();
        assertThat(video.get("codec_name").asText()).isEqualTo("hevc");
        assertThat(video.get("width").asInt()).isEqualTo(640);
        assertThat(video.get("height").asInt()).isEqualTo(360);
    }

    @Test
    void aWebSocketClientGetsBinaryMessagesThatStartWithTheFlvHeader() throws Exception {
        streaming(CAMERA, LiveFixture.h264());
        List<byte[]> messages = new ArrayList<>();
        CompletableFuture<List<byte[]>> enough = new CompletableFuture<>();

        WebSocket socket = client.newWebSocketBuilder().buildAsync(URI.create("ws" + base.substring(4)
                + fixture.signed(CAMERA, "alaw")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        messages.add(bytes);
                        if (messages.size() == 10) {
                            enough.complete(List.copyOf(messages));
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<byte[]> first = enough.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        socket.abort();
        assertThat(new String(first.get(0), 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("FLV");
        assertThat(first.subList(1, first.size())).allSatisfy(tag -> assertThat(tag[0]).isIn((byte) 8, (byte) 9));
    }

    @Test
    void aBadSignatureIs403AndACameraThatIsNotConnected404() throws Exception {
        streaming(CAMERA, LiveFixture.h264());
        String signed = fixture.signed(CAMERA, "flac");

        HttpResponse<String> forged = client.send(HttpRequest.newBuilder(URI.create(base
                + signed.replace("&sig=", "&sig=x"))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> absent = client.send(HttpRequest.newBuilder(URI.create(base
                + fixture.signed(OTHER_CAMERA, "flac"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).isEqualTo("{\"error\":\"bad signature\"}");
        assertThat(absent.statusCode()).isEqualTo(404);
        assertThat(absent.body()).isEqualTo("{\"error\":\"camera not streaming\"}");
        assertThat(absent.headers().firstValue("access-control-allow-origin")).hasValue("*");
    }

    /**
     * One viewer never reads: its connection turns unwritable, the feed skips its GOPs, and what waits for it stays
     * under the high watermark plus one frame, however much goes by. Another viewer reads on and gets every frame:
     * the camera publishes as fast as that one reads, so it never falls behind.
     */
    @Test
    void aViewerThatNeverReadsSkipsGopsWithinItsWatermarkWhileAnotherGetsEveryFrame() throws Exception {
        CameraStream stream = LiveFixture.h264();
        Publisher camera = new Publisher(fixture.connect(CAMERA), stream);
        int firstGop = camera.publishGop();
        int window = 10;
        Semaphore read = new Semaphore(window);
        AtomicLong pictures = new AtomicLong();
        CompletableFuture<Void> joined = new CompletableFuture<>();
        HttpResponse<InputStream> fast = client.send(HttpRequest.newBuilder(URI.create(base
                + fixture.signed(CAMERA, "alaw"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread reader = new Thread(() -> readAll(fast.body(), firstGop, pictures, read, joined), "fast-viewer");
        reader.start();
        joined.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", listener.address().orElseThrow().getPort()));
            OutputStream out = slow.getOutputStream();
            out.write(("GET " + fixture.signed(CAMERA, "alaw") + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            long published = 0;
            long publishedBytes = 0;
            int largest = 0;
            Optional<ViewerChannel> slowViewer = Optional.empty();
            // Until the slow viewer has lost a few GOPs and several times what it may hold has gone by.
            long bound = LiveSettings.DEFAULT.writeBufferHighBytes() + MAX_FRAME + NETTY_ACCOUNTING_SLACK;
            for (int i = 0; i < 100_000 && (slowViewer.map(ViewerChannel::skippedGops).orElse(0L) < 3
                    || publishedBytes < 4 * bound); i++) {
                if (camera.nextIsVideo()) {
                    assertThat(read.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the fast viewer reads")
                            .isTrue();
                }
                MediaFrame frame = camera.next();
                largest = Math.max(largest, frame.bytes());
                publishedBytes += frame.bytes();
                published += frame instanceof VideoFrame ? 1 : 0;
                slowViewer = viewerAt(slow.getLocalPort());
            }

            ViewerChannel viewer = slowViewer.orElseThrow();
            assertThat(viewer.skippedGops()).isGreaterThanOrEqualTo(3);
            assertThat(viewer.channel().isWritable()).isFalse();
            assertThat(largest).isLessThanOrEqualTo(MAX_FRAME);
            assertThat(publishedBytes).isGreaterThanOrEqualTo(4 * bound);
            assertThat(viewer.channel().unsafe().outboundBuffer().totalPendingWriteBytes()).isLessThanOrEqualTo(bound);
            assertThat(read.tryAcquire(window, WAIT.toSeconds(), TimeUnit.SECONDS)).as("caught up").isTrue();
            assertThat(pictures.get()).isEqualTo(firstGop + published);
            assertThat(fixture.registry.get(LiveMetrics.SKIPPED_GOPS).functionCounter().count())
                    .isGreaterThanOrEqualTo(viewer.skippedGops());
        } finally {
            listener.cameraGone(CAMERA);
            reader.join(WAIT.toMillis());
        }
    }

    /** The viewer on the server side of a client's local port, once it is counted in. */
    private Optional<ViewerChannel> viewerAt(int clientPort) {
        return listener.watching(CAMERA).stream()
                .filter(v -> ((InetSocketAddress) v.channel().remoteAddress()).getPort() == clientPort)
                .findFirst();
    }

    /**
     * Reads an FLV stream to its end, counting its pictures; each after the GOP it joined on is a permit for the
     * camera to publish another.
     */
    private static void readAll(InputStream body, int firstGop, AtomicLong pictures, Semaphore read,
                                CompletableFuture<Void> joined) {
        try (body) {
            FlvTagReader flv = new FlvTagReader(body);
            for (Optional<FlvTagReader.Tag> tag = flv.next(); tag.isPresent(); tag = flv.next()) {
                if (tag.get().picture()) {
                    joined.complete(null);
                    if (pictures.incrementAndGet() > firstGop) {
                        read.release();
                    }
                }
            }
        } catch (Exception e) {
            joined.completeExceptionally(e);
        }
    }
}
