package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.tls.SelfSigned;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in HEDGW on loopback for testing the camera's side without our server: a TLS server with a freshly
 * generated self-signed certificate that takes one connection, notes the cipher suites of the client's
 * ClientHello (read off the wire before the JDK's handshake) and the session it got, then runs a script of
 * reads and scripted answers in its own thread. Code of its own for the framing, not {@link HedgwCamera}'s.
 */
final class FakeHedgw implements AutoCloseable {

    /** What the server side does with the connection once the handshake is done. */
    @FunctionalInterface
    interface Script {
        void run(Connection connection) throws Exception;
    }

    /** What the client offered and what was agreed. */
    record Handshake(int clientHelloVersion, List<Integer> offeredSuites, String protocol, String cipherSuite) {
    }

    private final ServerSocket listener;
    private final SSLContext tls;
    private final Path certificate;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final CompletableFuture<Handshake> handshake = new CompletableFuture<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile Socket accepted;

    /** Speaks TLS 1.3 and 1.2 with every suite the JDK enables by default, so that a test sees what the client picks. */
    FakeHedgw(Path dir) throws IOException, GeneralSecurityException {
        this(dir, new String[]{"TLSv1.3", "TLSv1.2"}, null);
    }

    /** @param cipherSuites null for the JDK's default ones */
    FakeHedgw(Path dir, String[] protocols, String[] cipherSuites) throws IOException, GeneralSecurityException {
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        SelfSigned.Generated generated = SelfSigned.generate(List.of());
        this.certificate = dir.resolve("hedgw.crt");
        generated.write(certificate, dir.resolve("hedgw.key"));
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("hedgw", generated.privateKey(), password, new Certificate[]{generated.certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return listener.getLocalPort();
    }

    Path certificate() {
        return certificate;
    }

    /** Takes one connection in a new thread and runs {@code script} on it; {@link #done} tells how that went. */
    FakeHedgw serve(Script script) {
        Thread thread = new Thread(() -> {
            try (Socket plain = listener.accept()) {
                accepted = plain;
                plain.setSoTimeout(20_000);
                byte[] hello = readRecord(plain.getInputStream());
                List<Integer> offered = new ArrayList<>();
                int version = clientHello(hello, offered);
                SSLSocket socket = (SSLSocket) tls.getSocketFactory()
                        .createSocket(plain, new ByteArrayInputStream(hello), true);
                socket.setUseClientMode(false);
                socket.setEnabledProtocols(protocols);
                if (cipherSuites != null) {
                    socket.setEnabledCipherSuites(cipherSuites);
                }
                try (socket) {
                    try {
                        socket.startHandshake();
                    } finally {
                        handshake.complete(new Handshake(version, List.copyOf(offered),
                                socket.getSession().getProtocol(), socket.getSession().getCipherSuite()));
                    }
                    script.run(new Connection(socket));
                }
                done.complete(null);
            } catch (Throwable e) {
                handshake.completeExceptionally(e);
                done.completeExceptionally(e);
            }
        }, "fake-hedgw");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** The handshake as the server saw it (a failed one has protocol "NONE"). */
    Handshake handshake() throws Exception {
        return handshake.get(20, TimeUnit.SECONDS);
    }

    /** Waits for the script to end; rethrows what it threw (a failed assertion, say). */
    void done() throws Exception {
        try {
            done.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw (Error) e.getCause();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Socket socket = accepted;
        if (socket != null) {
            socket.close();
        }
    }

    /** One TLS record, header and all. */
    private static byte[] readRecord(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[5];
        data.readFully(header);
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        byte[] record = new byte[5 + length];
        System.arraycopy(header, 0, record, 0, 5);
        data.readFully(record, 5, length);
        return record;
    }

    /** Reads a ClientHello record: adds the offered cipher suites' codes, returns its client_version. */
    private static int clientHello(byte[] record, List<Integer> suites) {
        ByteBuffer b = ByteBuffer.wrap(record);
        if (b.get() != 22) {
            throw new IllegalStateException("not a handshake record");
        }
        b.position(5);
        if (b.get() != 1) {
            throw new IllegalStateException("not a ClientHello");
        }
        b.position(b.position() + 3); // handshake length
        int version = b.getShort() & 0xffff;
        b.position(b.position() + 32); // random
        int sessionId = b.get() & 0xff;
        b.position(b.position() + sessionId);
        int length = b.getShort() & 0xffff;
        for (int i = 0; i < length / 2; i++) {
            suites.add(b.getShort() & 0xffff);
        }
        return version;
    }

    /** The server's side of the connection, framed as the document says. */
    static final class Connection {

        final SSLSocket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        Connection(SSLSocket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new DataOutputStream(socket.getOutputStream());
        }

        /** The next frame's four length bytes as they came, and its body. */
        Frame read() throws IOException {
            byte[] prefix = new byte[4];
            in.readFully(prefix);
            int length = ByteBuffer.wrap(prefix).getInt();
            byte[] body = new byte[length];
            in.readFully(body);
            return new Frame(prefix, body);
        }

        byte[] readBytes(int n) throws IOException {
            byte[] bytes = new byte[n];
            in.readFully(bytes);
            return bytes;
        }

        void write(Hedgw.HEDGWMessage message) throws IOException {
            byte[] body = message.toByteArray();
            out.writeInt(body.length);
            out.write(body);
            out.flush();
        }

        void writeRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }
    }

    record Frame(byte[] prefix, byte[] body) {

        Hedgw.HEDGWMessage message() throws IOException {
            return Hedgw.HEDGWMessage.parseFrom(body);
        }
    }
}
