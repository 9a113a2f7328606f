package io.alarmhub.bench.video;

import io.alarmhub.server.CameraVideo;
import io.alarmhub.server.HedgwCamera;
import io.alarmhub.server.HemuCamera;
import io.alarmhub.server.VideoSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The simulated cameras of a run: each registered once through the OpenAPI, as a manufacturer's camera is
 * ({@link HemuCamera#walk}, to the bench's owner), then streaming over its own HEDGW connection for as long as
 * a rate's steps last ({@link SimulatedCamera}). The cameras that join at one step are spread over one GOP (a
 * second), as independent cameras' keyframes are, rather than all bursting at once.
 */
final class CameraFleet implements AutoCloseable {

    /** The manufacturer the bench configures, its model, and the owner every camera is registered to. */
    static final String ACCESS_KEY = "bench";
    static final String MODEL = "bench_cam1";
    static final String OWNER = "bench-owner";
    static final String MOBILE = "13800138000";
    /** Cameras registering, or hanging up, at once. */
    static final int REGISTERING = 8;
    private static final long GOP_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * What the cameras streaming now have sent since they joined, and how many of them stopped.
     *
     * @param frames video access units, {@code audioPackets} audio packages, {@code bytes} their media bytes
     */
    record Totals(int cameras, long frames, long audioPackets, long bytes, int failed) {
    }

    private final URI api;
    private final Path certificate;
    private final String secret;
    private final int hedgwPort;
    private final String userToken;
    private final Map<Integer, HemuCamera.Walk> registered = new TreeMap<>();
    private final List<SimulatedCamera> streaming = new ArrayList<>();

    /** @param userToken from {@code POST /hemu/grant} for {@link #OWNER} and {@link #MOBILE} */
    CameraFleet(int openApiPort, int hedgwPort, Path certificate, String secret, String userToken) {
        this.api = URI.create("https://127.0.0.1:" + openApiPort);
        this.hedgwPort = hedgwPort;
        this.certificate = certificate;
        this.secret = secret;
        this.userToken = userToken;
    }

    /** Camera {@code k}'s {@code deviceId}: 15 digits, as Hemu's are. */
    static String deviceId(int k) {
        return String.format(Locale.ROOT, "%015d", 900_000_000_000_000L + k);
    }

    private static String mac(int k) {
        return String.format(Locale.ROOT, "02be%08x", k);
    }

    /**
     * Registers cameras 0 to {@code n - 1} that are not registered yet, {@link #REGISTERING} at a time (each walk
     * is six requests in turn, most of them a write to the server's store); fails at the first refusal.
     */
    void register(int n) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(REGISTERING);
        try {
            Map<Integer, Future<HemuCamera.Walk>> walks = new TreeMap<>();
            for (int k = registered.size(); k < n; k++) {
                int camera = k;
                walks.put(k, pool.submit(() -> walk(camera)));
            }
            for (Map.Entry<Integer, Future<HemuCamera.Walk>> walk : walks.entrySet()) {
                registered.put(walk.getKey(), walk.getValue().get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private HemuCamera.Walk walk(int k) throws IOException, InterruptedException {
        HemuCamera camera = HemuCamera.builder().api(api).trust(certificate).accessKey(ACCESS_KEY)
                .accessSecret(secret).deviceId(deviceId(k)).mac(mac(k)).model(MODEL).build();
        HemuCamera.Walk walk = camera.walk(MOBILE, userToken);
        if (!walk.complete()) {
            throw new IOException(deviceId(k) + " could not register: " + walk.failure());
        }
        return walk;
    }

    /** Starts cameras until {@code n} stream {@code source}; they must be registered. */
    void grow(int n, VideoSource source) throws IOException, InterruptedException {
        int first = streaming.size();
        long start = System.nanoTime();
        for (int k = first; k < n; k++) {
            long due = start + (k - first) * GOP_NANOS / (n - first);
            TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
            HemuCamera.Walk walk = registered.get(k);
            if (walk == null) {
                throw new IllegalStateException("camera " + k + " is not registered");
            }
            HedgwCamera.LoginParameters login = HedgwCamera.LoginParameters.builder().accessKey(ACCESS_KEY)
                    .accessSecret(secret).userName(MOBILE).deviceToken(walk.deviceToken().orElseThrow())
                    .unifiedId(walk.unifiedId().orElse("")).deviceMac(mac(k)).deviceId(deviceId(k)).build();
            streaming.add(SimulatedCamera.start(hedgwPort, certificate, login, source));
        }
    }

    Totals totals() {
        long frames = 0;
        long audio = 0;
        long bytes = 0;
        int failed = 0;
        for (SimulatedCamera camera : streaming) {
            CameraVideo.Sent sent = camera.sent();
            frames += sent.frames();
            audio += sent.audioPackets();
            bytes += sent.bytes();
            failed += camera.failure().isPresent() ? 1 : 0;
        }
        return new Totals(streaming.size(), frames, audio, bytes, failed);
    }

    /** One camera's failure, for the report when some stopped. */
    String firstFailure() {
        return streaming.stream().flatMap(camera -> camera.failure().stream()).findFirst().map(Object::toString)
                .orElse("none");
    }

    /**
     * Every camera hangs up, {@link #REGISTERING} at a time (a camera's TLS close waits for room in its connection,
     * which a server that has fallen behind is slow to give); registrations stay, so the next rate's cameras only
     * log in again.
     */
    void stopAll() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(REGISTERING);
        for (SimulatedCamera camera : streaming) {
            pool.execute(() -> {
                try {
                    camera.close();
                } catch (IOException e) {
                    // closing a connection that has gone already
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        streaming.clear();
    }

    @Override
    public void close() throws InterruptedException {
        stopAll();
    }
}
