package io.alarmhub.gateway.media;

import io.alarmhub.core.media.MediaFiles;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.gateway.NettyLoops;
import io.alarmhub.store.media.DirectoryMediaStore;
import io.alarmhub.store.media.MediaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * A media listener on loopback over a real directory store, whose URLs point at the listener: the store
 * is opened once the listener knows its port, and the listener reaches it through a forwarding
 * {@link MediaFiles}.
 */
final class MediaFixture implements AutoCloseable {

    static final MediaHttpSettings SETTINGS = new MediaHttpSettings("127.0.0.1", 0, Duration.ofSeconds(30));

    final Path dir;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MediaSigner signer;
    final DirectoryMediaStore store;
    final InetSocketAddress address;
    private final NettyLoops loops = new NettyLoops(1);
    private final MediaListener listener;

    MediaFixture(Path dir) {
        this(dir, SETTINGS);
    }

    MediaFixture(Path dir, MediaHttpSettings settings) {
        this.dir = dir;
        byte[] secret = new byte[MediaSigner.SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        signer = new MediaSigner(secret);
        DirectoryMediaStore[] opened = new DirectoryMediaStore[1];
        listener = new MediaListener(settings, loops, new MediaFiles() {
            @Override
            public Optional<Path> file(String key) {
                return opened[0].file(key);
            }

            @Override
            public MediaSigner signer() {
                return opened[0].signer();
            }

            @Override
            public Path recordings() {
                return opened[0].recordings();
            }
        }, registry);
        address = listener.start();
        store = DirectoryMediaStore.open(MediaSettings.defaults(dir.resolve("media"), base()), signer);
        opened[0] = store;
    }

    String base() {
        return "http://127.0.0.1:" + address.getPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create(base() + pathAndQuery);
    }

    /** A URL for {@code key} signed with this store's secret, expiring at {@code expires}. */
    URI signed(String key, Instant expires) {
        long at = expires.getEpochSecond();
        return uri("/media/" + key + "?expires=" + at + "&sig=" + signer.sign(key, at));
    }

    /** A real JPEG, drawn and encoded by the JDK, kept by the store. */
    MediaRef keepJpeg(int width, int height) throws IOException {
        return store.keep(jpeg(width, height), MediaKind.PICTURE, "jpg", "snapshot.jpg");
    }

    Path jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
            g.fillRect(0, 0, width, height);
            g.setColor(Color.WHITE);
            g.drawString("alarm", width / 4, height / 2);
        } finally {
            g.dispose();
        }
        Path file = Files.createTempFile(incoming(), "snapshot", ".jpg");
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IllegalStateException("the JDK has no JPEG writer");
        }
        return file;
    }

    /** A file of {@code size} pseudo-random bytes, standing in for a clip. */
    Path video(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(Files.createTempFile(incoming(), "clip", ".mp4"), bytes);
    }

    private Path incoming() throws IOException {
        return Files.createDirectories(dir.resolve("incoming"));
    }

    double count(String status) {
        var counter = registry.find(MediaMetrics.REQUESTS).tag("status", status).counter();
        return counter == null ? 0 : counter.count();
    }

    double bytesSent() {
        return registry.get(MediaMetrics.BYTES_SENT).counter().count();
    }

    @Override
    public void close() {
        listener.close();
        loops.close();
    }
}
