package io.alarmhub.gateway.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enterprise stream's idle timeout on virtual time: the listener's own pipeline
 * ({@link EnterpriseStreamInitializer}, TLS included) on an {@link EmbeddedChannel}, a TLS client on another,
 * the bytes handed between them by the test; time moves only when the test says.
 */
class EnterpriseStreamIdleTest {

    private static final Duration IDLE = StreamSettings.DEFAULT.idleTimeout();
    // The login timeout is longer here, so that silence after the handshake is the idle timeout's to catch.
    private static final StreamSettings SETTINGS = new StreamSettings("127.0.0.1", 0,
            StreamSettings.DEFAULT.maxLineBytes(), IDLE, IDLE.multipliedBy(2));

    private static SelfSignedCertificate certificate;
    private static SslContext serverTls;
    private static SslContext clientTls;

    @TempDir
    Path dir;
    private StreamFixture f;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private EmbeddedChannel server;
    private EmbeddedChannel client;

    @BeforeAll
    static void certificates() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        serverTls = SslContextBuilder.forServer(certificate.certificate(), certificate.privateKey())
                .protocols("TLSv1.3", "TLSv1.2").build();
        clientTls = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    @AfterAll
    static void deleteCertificate() {
        certificate.delete();
    }

    @BeforeEach
    void connect() {
        f = new StreamFixture(dir);
        server = new EmbeddedChannel();
        server.freezeTime();
        server.pipeline().addLast(new EnterpriseStreamInitializer(serverTls, f.streams,
                new StreamMetrics(registry, f.streams), SETTINGS));
        client = new EmbeddedChannel();
        client.freezeTime();
        client.pipeline().addLast(clientTls.newHandler(client.alloc(), "localhost", 2015));
    }

    @AfterEach
    void close() {
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
        f.close();
    }

    @Test
    void aConnectionSilentForTheWholeIdleTimeoutAfterItsHandshakeIsClosedAndCountedIdle() {
        handshake();
        pass(IDLE.minusMillis(1));
        assertThat(server.isOpen()).isTrue();
        pass(Duration.ofMillis(1));
        assertThat(server.isOpen()).isFalse();
        assertThat(closed("idle")).isEqualTo(1);
        assertThat(closed("login_timeout")).isZero();
    }

    private void handshake() {
        SslHandler clientSide = client.pipeline().get(SslHandler.class);
        SslHandler serverSide = server.pipeline().get(SslHandler.class);
        for (int round = 0; round < 10 && !serverSide.handshakeFuture().isDone(); round++) {
            hand(client, server);
            hand(server, client);
        }
        assertThat(clientSide.handshakeFuture().isSuccess()).as("the client's TLS handshake").isTrue();
        assertThat(serverSide.handshakeFuture().isSuccess()).as("the server's TLS handshake").isTrue();
    }

    /** Hands everything {@code from} wrote to {@code to} as read. */
    private static void hand(EmbeddedChannel from, EmbeddedChannel to) {
        for (ByteBuf out; (out = from.readOutbound()) != null; ) {
            to.writeInbound(out);
        }
    }

    private void pass(Duration time) {
        for (EmbeddedChannel channel : new EmbeddedChannel[] {server, client}) {
            channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
            channel.runScheduledPendingTasks();
        }
    }

    private double closed(String reason) {
        return registry.get("alarmhub.stream.closed").tag("reason", reason).counter().count();
    }
}
