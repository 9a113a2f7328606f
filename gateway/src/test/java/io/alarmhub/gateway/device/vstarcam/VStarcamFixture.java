package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.media.MediaStore;
import io.alarmhub.gateway.NettyLoops;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** A VStarcam listener on loopback with the test intake and media store, and the files a camera sends. */
final class VStarcamFixture implements AutoCloseable {

    static final VStarcamSettings SETTINGS = new VStarcamSettings("127.0.0.1", 0, "/vstarcam/heartbeat",
            "/vstarcam/alarm", 4 * 1024, 5L << 20, 50L << 20, 56L << 20, Path.of("unused"), Duration.ofSeconds(30),
            Duration.ofSeconds(180));

    final RecordingEvents events = new RecordingEvents();
    final KeepingMediaStore media;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Path uploads;
    final VStarcamListener listener;
    final InetSocketAddress address;
    private final NettyLoops loops = new NettyLoops(1);
    private final ExecutorService blocking = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "test-media");
        thread.setDaemon(true);
        return thread;
    });

    VStarcamFixture(Path dir) {
        this(dir, SETTINGS);
    }

    VStarcamFixture(Path dir, VStarcamSettings settings) {
        this(dir, settings, null);
    }

    /** With a media store of the test's own; {@link #media} is then null. */
    VStarcamFixture(Path dir, VStarcamSettings settings, MediaStore store) {
        uploads = dir.resolve("uploads");
        media = store == null ? new KeepingMediaStore(dir.resolve("kept")) : null;
        listener = new VStarcamListener(settings.withUploadDir(uploads), loops, events,
                store == null ? media : store, Optional.of(blocking), registry, java.time.Clock.systemUTC());
        address = listener.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    /** Files in the upload directory. */
    List<Path> leftovers() {
        try (Stream<Path> files = Files.list(uploads)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    double messages(String type) {
        Counter counter = registry.find(VStarcamMetrics.MESSAGES).tags("vendor", "vstarcam", "type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    double badInput(String reason) {
        Counter counter = registry.find(VStarcamMetrics.BAD_INPUT).tags("vendor", "vstarcam", "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    double uploaded(String kind) {
        DistributionSummary summary = registry.find(VStarcamMetrics.UPLOAD_BYTES)
                .tags("vendor", "vstarcam", "kind", kind).summary();
        return summary == null ? 0 : summary.totalAmount();
    }

    @Override
    public void close() {
        listener.close();
        loops.close();
        blocking.shutdownNow();
    }

    /** A real JPEG, as a camera's snapshot. */
    static Path jpeg(Path dir, String name) throws IOException {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.DARK_GRAY);
        g.fillRect(0, 0, 640, 360);
        g.setColor(Color.ORANGE);
        g.drawString("VC0000000ABCD motion", 20, 40);
        g.fillOval(200, 100, 160, 160);
        g.dispose();
        Path file = dir.resolve(name);
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IllegalStateException("no JPEG writer");
        }
        return file;
    }

    /** A file of random bytes, as a clip. */
    static Path random(Path dir, String name, long size, long seed) throws IOException {
        Path file = dir.resolve(name);
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
        return file;
    }

    static void eventually(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(condition::getAsBoolean);
    }
}
