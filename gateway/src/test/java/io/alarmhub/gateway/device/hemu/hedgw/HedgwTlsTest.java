package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.gateway.tls.TlsSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HEDGW context against JDK clients, in memory: the client's and the server's {@link SslHandler} on two
 * {@link EmbeddedChannel}s, their bytes handed across until neither has more. The generated certificate is
 * EC, so the ECDSA suites are the ones that could be agreed.
 */
class HedgwTlsTest {

    @TempDir
    static Path dataDir;

    private static SslContext hedgw;
    private static SSLContext client;

    @BeforeAll
    static void contexts() {
        hedgw = HedgwTls.serverContext(TlsSettings.SELF_SIGNED, dataDir, Optional.empty());
        client = ServerTls.clientTrusting(ServerTls.generatedCertificate(dataDir));
    }

    @Test
    void offersOnlyTheAeadSuites() {
        assertThat(HedgwTls.CIPHERS).containsAll(hedgw.cipherSuites());
        assertThat(hedgw.cipherSuites()).contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
                .noneMatch(suite -> suite.contains("CBC"));
    }

    @Test
    void aClientOfferingGcmOverTls12Succeeds() {
        assertThat(handshake(hedgw, clientEngine("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")))
                .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void aClientOfferingTls13Succeeds() {
        assertThat(handshake(hedgw, clientEngine("TLSv1.3", "TLS_AES_256_GCM_SHA384")))
                .isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    @Test
    void aClientOfferingOnlyCbcFails() {
        assertThat(handshake(hedgw, clientEngine("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"))).isNull();
        assertThat(handshake(hedgw, clientEngine("TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))).isNull();
        // The listeners' default list has CBC suites (Netty's defaults); the HEDGW list removes them.
        assertThat(ServerTls.context(TlsSettings.SELF_SIGNED, dataDir).cipherSuites())
                .anyMatch(suite -> suite.contains("CBC"));
    }

    @Test
    void aTls11ClientHelloFails() {
        // The JDK refuses to speak TLS 1.1 itself (jdk.tls.disabledAlgorithms), so the hello is written by
        // hand: a TLS 1.1 ClientHello, no extensions, offering ECDHE_ECDSA_WITH_AES_128_CBC_SHA (c009) and
        // ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (c02b, which TLS 1.1 cannot use).
        ByteBuf body = Unpooled.buffer();
        body.writeShort(0x0302).writeBytes(new byte[32]).writeByte(0)
                .writeShort(4).writeShort(0xc009).writeShort(0xc02b)
                .writeByte(1).writeByte(0);
        ByteBuf hello = Unpooled.buffer();
        hello.writeByte(22).writeShort(0x0302).writeShort(4 + body.readableBytes())
                .writeByte(1).writeMedium(body.readableBytes()).writeBytes(body);
        body.release();

        SslHandler server = hedgw.newHandler(ByteBufAllocator.DEFAULT);
        EmbeddedChannel channel = new EmbeddedChannel(server);
        try {
            inbound(channel, hello);
            assertThat(server.handshakeFuture().isDone()).isTrue();
            assertThat(server.handshakeFuture().isSuccess()).isFalse();
            ByteBuf alert = channel.readOutbound();
            try {
                assertThat(alert.getByte(alert.readerIndex())).as("record type: alert").isEqualTo((byte) 21);
            } finally {
                alert.release();
            }
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static SSLEngine clientEngine(String protocol, String suite) {
        SSLEngine engine = client.createSSLEngine("localhost", 50922);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        engine.setEnabledCipherSuites(new String[] {suite});
        return engine;
    }

    /** The suite both sides agreed on, or null when the handshake failed on either side. */
    private static String handshake(SslContext serverContext, SSLEngine clientEngine) {
        SslHandler server = serverContext.newHandler(ByteBufAllocator.DEFAULT);
        SslHandler client = new SslHandler(clientEngine);
        EmbeddedChannel serverChannel = new EmbeddedChannel(server);
        EmbeddedChannel clientChannel = new EmbeddedChannel(client);
        try {
            boolean moved = true;
            while (moved) {
                moved = pass(clientChannel, serverChannel) | pass(serverChannel, clientChannel);
            }
            if (server.handshakeFuture().isSuccess() && client.handshakeFuture().isSuccess()) {
                assertThat(server.engine().getSession().getCipherSuite())
                        .isEqualTo(client.engine().getSession().getCipherSuite());
                return client.engine().getSession().getCipherSuite();
            }
            assertThat(server.handshakeFuture().isDone() || client.handshakeFuture().isDone())
                    .as("a failed handshake ends").isTrue();
            return null;
        } finally {
            clientChannel.finishAndReleaseAll();
            serverChannel.finishAndReleaseAll();
        }
    }

    /**
     * Writes to a channel's SslHandler. A failed handshake reaches the end of the pipeline as a
     * DecoderException, which the EmbeddedChannel throws here; the handshake future is what the tests read.
     */
    private static void inbound(EmbeddedChannel channel, ByteBuf bytes) {
        try {
            channel.writeInbound(bytes);
        } catch (DecoderException e) {
            assertThat(e).hasCauseInstanceOf(SSLHandshakeException.class);
        }
    }

    /** Hands what {@code from} wrote to {@code to}; true when anything was handed. */
    private static boolean pass(EmbeddedChannel from, EmbeddedChannel to) {
        boolean moved = false;
        for (ByteBuf out = from.readOutbound(); out != null; out = from.readOutbound()) {
            moved = true;
            if (to.isOpen()) {
                inbound(to, out);
            } else {
                out.release();
            }
        }
        from.runPendingTasks();
        return moved;
    }
}
