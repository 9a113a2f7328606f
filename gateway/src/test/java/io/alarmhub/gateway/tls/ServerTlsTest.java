package io.alarmhub.gateway.tls;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ServerTls: the three sources of a certificate, and real handshakes against a Netty server on loopback. */
@Timeout(60)
class ServerTlsTest {

    private static EventLoopGroup loop;

    @TempDir
    Path dir;

    @BeforeAll
    static void startLoop() {
        loop = new NioEventLoopGroup(1);
    }

    @AfterAll
    static void stopLoop() {
        loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void generatesASelfSignedCertificateOnceAndReusesIt() throws Exception {
        Path data = dir.resolve("data");

        SslContext first = ServerTls.context(TlsSettings.SELF_SIGNED, data, Optional.of("alarm.example.com"));
        Path certificate = ServerTls.generatedCertificate(data);
        Path key = ServerTls.generatedPrivateKey(data);
        String fingerprint = ServerTls.fingerprint(certificate);
        String keyText = Files.readString(key);

        assertThat(first.isServer()).isTrue();
        assertThat(certificate).isEqualTo(data.resolve("tls/server.crt")).exists();
        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(keyText).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(fingerprint).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        try (var files = Files.list(data.resolve("tls"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("server.crt", "server.key");
        }

        ServerTls.context(TlsSettings.SELF_SIGNED, data, Optional.of("alarm.example.com"));

        assertThat(ServerTls.fingerprint(certificate)).isEqualTo(fingerprint);
        assertThat(Files.readString(key)).isEqualTo(keyText);
        var parsed = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(certificate));
        assertThat(parsed.getSubjectX500Principal().getName()).isEqualTo("CN=alarmhub");
        assertThat(parsed.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
                .containsExactly("localhost", "127.0.0.1", "alarm.example.com");
        assertThat(parsed.getNotAfter().toInstant())
                .isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(3640)));
    }

    @Test
    void handshakesTls13WithAClientThatTrustsTheGeneratedCertificate() throws Exception {
        Path data = dir.resolve("data");
        SslContext context = ServerTls.context(TlsSettings.SELF_SIGNED, data);

        Channel server = echoServer(context);
        try (SSLSocket socket = client(ServerTls.clientTrusting(ServerTls.generatedCertificate(data)), server)) {
            assertThat(echo(socket, "ping")).isEqualTo("ping");
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        } finally {
            server.close().syncUninterruptibly();
        }
    }

    @Test
    void servesPemFilesFromTheConfiguration() throws Exception {
        Path certificate = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        SelfSigned.generate(List.of()).write(certificate, key);

        Channel server = echoServer(ServerTls.context(TlsSettings.pem(certificate, key), dir.resolve("data")));
        try (SSLSocket socket = client(ServerTls.clientTrusting(certificate), server)) {
            assertThat(echo(socket, "pem")).isEqualTo("pem");
        } finally {
            server.close().syncUninterruptibly();
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void servesAPkcs12KeystoreFromTheConfiguration() throws Exception {
        SelfSigned.Generated generated = SelfSigned.generate(List.of());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("alarmhub", generated.privateKey(), "changeit".toCharArray(),
                new Certificate[]{generated.certificate()});
        Path keystore = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "changeit".toCharArray());
        }
        Path certificate = dir.resolve("server.crt");
        Files.writeString(certificate, SelfSigned.pem("CERTIFICATE", generated.certificate().getEncoded()));

        Channel server = echoServer(ServerTls.context(TlsSettings.pkcs12(keystore, "changeit"), dir));
        try (SSLSocket socket = client(ServerTls.clientTrusting(certificate), server)) {
            assertThat(echo(socket, "p12")).isEqualTo("p12");
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        } finally {
            server.close().syncUninterruptibly();
        }

        assertThatThrownBy(() -> ServerTls.context(TlsSettings.pkcs12(keystore, "wrong"), dir))
                .isInstanceOf(TlsException.class).hasMessageContaining("stream.tls.keystore-password");
    }

    @Test
    void refusesATls11Client() throws Exception {
        Channel server = echoServer(ServerTls.context(TlsSettings.SELF_SIGNED, dir));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(tls11ClientHello());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            int contentType = in.read();
            // An alert record (21), or the connection closed: never a handshake record (22) with a ServerHello.
            assertThat(contentType).isIn(21, -1);
            if (contentType == 21) {
                byte[] rest = in.readNBytes(6);
                assertThat(rest[4]).as("alert level fatal").isEqualTo((byte) 2);
                assertThat(rest[5]).as("alert protocol_version").isEqualTo((byte) 70);
            }
        } finally {
            server.close().syncUninterruptibly();
        }
    }

    @Test
    void namesTheSettingWhenTheConfigurationIsWrong() throws Exception {
        Path certificate = dir.resolve("chain.pem");
        Path key = dir.resolve("key.pem");
        SelfSigned.generate(List.of()).write(certificate, key);
        Path otherKey = dir.resolve("other-key.pem");
        SelfSigned.generate(List.of()).write(dir.resolve("other.pem"), otherKey);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a pem\n");

        assertThatThrownBy(() -> ServerTls.context(new TlsSettings(Optional.of(certificate), Optional.empty(),
                Optional.empty(), ""), dir)).isInstanceOf(TlsException.class)
                .hasMessageContaining("stream.tls.private-key is not set");
        assertThatThrownBy(() -> ServerTls.context(new TlsSettings(Optional.empty(), Optional.of(key),
                Optional.empty(), ""), dir)).isInstanceOf(TlsException.class)
                .hasMessageContaining("stream.tls.certificate is not set");
        assertThatThrownBy(() -> ServerTls.context(new TlsSettings(Optional.of(certificate), Optional.of(key),
                Optional.of(dir.resolve("x.p12")), ""), dir)).isInstanceOf(TlsException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ServerTls.context(TlsSettings.pem(dir.resolve("missing.pem"), key), dir))
                .isInstanceOf(TlsException.class).hasMessageContaining("stream.tls.certificate: no such file");
        assertThatThrownBy(() -> ServerTls.context(TlsSettings.pem(garbage, key), dir))
                .isInstanceOf(TlsException.class).hasMessageContaining("stream.tls.certificate");
        assertThatThrownBy(() -> ServerTls.context(TlsSettings.pem(certificate, garbage), dir))
                .isInstanceOf(TlsException.class).hasMessageContaining("stream.tls.private-key");
        assertThatThrownBy(() -> ServerTls.context(TlsSettings.pem(certificate, otherKey), dir))
                .isInstanceOf(TlsException.class).hasMessageContaining("stream.tls.private-key")
                .hasMessageContaining("does not belong");
        assertThatThrownBy(() -> ServerTls.context(TlsSettings.pkcs12(garbage, "x"), dir))
                .isInstanceOf(TlsException.class).hasMessageContaining("stream.tls.keystore");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(key)) { // root reads everything
            assertThatThrownBy(() -> ServerTls.context(TlsSettings.pem(certificate, key), dir))
                    .isInstanceOf(TlsException.class).hasMessageContaining("stream.tls.private-key")
                    .hasMessageContaining("cannot be read");
        }
    }

    // --- a tiny TLS echo server and its clients -------------------------------------------------------

    private static Channel echoServer(SslContext context) throws InterruptedException {
        return new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(context.newHandler(channel.alloc()));
                        channel.pipeline().addLast(new SimpleChannelInboundHandler<ByteBuf>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                ctx.writeAndFlush(msg.retain());
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).sync().channel();
    }

    private static int port(Channel server) {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** A client that checks the host name (localhost) against the certificate, as HTTPS does. */
    private static SSLSocket client(SSLContext context, Channel server) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port(server));
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setServerNames(List.of(new SNIHostName("localhost")));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private static String echo(SSLSocket socket, String text) throws IOException {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8).trim();
    }

    /**
     * A TLS 1.1 ClientHello as an old client sends it (the JDK's own client refuses to speak TLS 1.1, so
     * the bytes are written by hand): version 3.2, ECDHE and RSA CBC suites, P-256, no supported_versions.
     */
    private static byte[] tls11ClientHello() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream hello = new DataOutputStream(body);
        hello.writeShort(0x0302);
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        hello.write(random);
        hello.writeByte(0); // no session id
        int[] suites = {0xC009, 0xC00A, 0xC013, 0xC014, 0x002F, 0x0035};
        hello.writeShort(suites.length * 2);
        for (int suite : suites) {
            hello.writeShort(suite);
        }
        hello.writeByte(1);
        hello.writeByte(0); // null compression
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        DataOutputStream ext = new DataOutputStream(extensions);
        ext.writeShort(10); // supported_groups: secp256r1
        ext.writeShort(4);
        ext.writeShort(2);
        ext.writeShort(23);
        ext.writeShort(11); // ec_point_formats: uncompressed
        ext.writeShort(2);
        ext.writeByte(1);
        ext.writeByte(0);
        hello.writeShort(extensions.size());
        hello.write(extensions.toByteArray());

        byte[] handshakeBody = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(record);
        out.writeByte(22); // handshake
        out.writeShort(0x0301);
        out.writeShort(4 + handshakeBody.length);
        out.writeByte(1); // client_hello
        out.writeByte(0);
        out.writeShort(handshakeBody.length);
        out.write(handshakeBody);
        return record.toByteArray();
    }
}
