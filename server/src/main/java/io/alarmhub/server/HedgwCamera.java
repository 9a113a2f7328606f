package io.alarmhub.server;

import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.tls.ServerTls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A simulated Hemu camera's connection to the HEDGW signalling gateway: TLS 1.2 to the {@code serverAddr} and
 * {@code serverPort} that the OpenAPI gave ({@link HemuCamera#channelAddress}), each message a 4-byte big-endian
 * length then one serialized {@link Hedgw.HEDGWMessage}. Blocking and simple, to try a server without a camera
 * and in tests; not for use by several threads at once (except {@link #send}, whose senders take turns, and
 * {@link #close}, which ends a blocked read).
 *
 * <p>The camera trusts exactly one certificate and does not check the host name against it: the pinned
 * certificate is the whole of the trust, and an address given to override the one the OpenAPI named
 * ({@code --hedgw-address}) need not be one of the certificate's names.
 */
public final class HedgwCamera implements AutoCloseable {

    /** What the camera offers: TLS 1.2 only, as the document's cameras. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.2");
    /** The document's sample cipher list, in the JDK's names and its order. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
    /** The longest frame body the camera reads. */
    public static final int MAX_FRAME = 4 * 1024 * 1024;
    /** How many messages {@link #ping} and {@link #login} set aside for {@link #receive} before giving up. */
    public static final int MAX_PENDING = 1000;

    /** {@code channel_id}: the live stream. */
    public static final int CHANNEL_LIVE = 0;
    /** {@code channel_id}: playback from the SD card. */
    public static final int CHANNEL_SD_CARD = 1;
    /** {@code video_type} H.264. */
    public static final int VIDEO_H264 = 1;
    /** {@code video_type} H.265. */
    public static final int VIDEO_H265 = 2;
    public static final int VIDEO_WIDTH = 1920;
    public static final int VIDEO_HEIGHT = 1080;
    /** {@code audio_type} G.726. */
    public static final int AUDIO_G726 = 1;
    /** {@code audio_type} G.711A. */
    public static final int AUDIO_G711A = 2;
    public static final int AUDIO_KHZ = 8;
    public static final int AUDIO_CHANNELS = 1;
    /** {@link Hedgw.DevEventCmd} {@code type} of motion detection. */
    public static final int EVENT_MOTION = 1;

    private final SSLSocket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Deque<Hedgw.HEDGWMessage> pending = new ArrayDeque<>();
    private int lastPingId;

    private HedgwCamera(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects over TLS 1.2 with {@link #CIPHER_SUITES} (those of them the JDK has) and completes the handshake.
     *
     * @param trustedCertificate the server's certificate (PEM or DER), the only one trusted
     * @param timeout            for connecting, for the handshake and for every later read
     * @throws io.alarmhub.gateway.tls.TlsException when the certificate cannot be read
     */
    public static HedgwCamera connect(String host, int port, Path trustedCertificate, Duration timeout) throws IOException {
        return connect(host, port, trustedCertificate, timeout, PROTOCOLS, CIPHER_SUITES);
    }

    /**
     * As {@link #connect(String, int, Path, Duration)}, offering exactly these protocols and cipher suites (those
     * the JDK has): to see a server refuse what a camera must not use.
     *
     * @throws SSLException when the JDK has none of the cipher suites, or the handshake fails
     */
    public static HedgwCamera connect(String host, int port, Path trustedCertificate, Duration timeout,
                                      List<String> protocols, List<String> cipherSuites) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("no protocols");
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        SSLContext tls = ServerTls.clientTrusting(trustedCertificate);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        try {
            Set<String> supported = Set.of(socket.getSupportedCipherSuites());
            String[] suites = cipherSuites.stream().filter(supported::contains).toArray(String[]::new);
            if (suites.length == 0) {
                throw new SSLException("the JDK supports none of the cipher suites " + cipherSuites);
            }
            socket.setEnabledProtocols(protocols.toArray(String[]::new));
            socket.setEnabledCipherSuites(suites);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            socket.startHandshake();
            return new HedgwCamera(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The TLS session: its protocol and cipher suite. */
    public SSLSession session() {
        return socket.getSession();
    }

    /**
     * How long each later read waits for the server; {@link Duration#ZERO} waits as long as the connection lasts,
     * for a camera that stays connected and reads on a thread of its own ({@link AnsweringCamera}).
     */
    public void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Sends one message: its length, then its bytes; senders on several threads take turns. */
    public synchronized void send(Hedgw.HEDGWMessage message) throws IOException {
        byte[] body = message.toByteArray();
        sendRaw(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array());
    }

    /** Sends these bytes as they are, framed or not: for tests of what a server does with bad frames. */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * The next message: first those that {@link #ping} or {@link #login} set aside while waiting, then one read
     * from the connection.
     *
     * @throws EOFException when the server has closed the connection (before or within a frame)
     * @throws java.net.SocketTimeoutException when nothing came within the timeout; a frame that was being read
     *                                         is then lost, and the connection of no further use
     * @throws IOException when a frame is longer than {@link #MAX_FRAME} or is no {@link Hedgw.HEDGWMessage}
     */
    public Hedgw.HEDGWMessage receive() throws IOException {
        Hedgw.HEDGWMessage set = pending.poll();
        return set != null ? set : read();
    }

    /** As {@link #receive}, but empty when the server has closed the connection. */
    public Optional<Hedgw.HEDGWMessage> receiveUnlessClosed() throws IOException {
        try {
            return Optional.of(receive());
        } catch (EOFException closed) {
            return Optional.empty();
        }
    }

    /**
     * Logs in ({@code DevLoginReq}, with the stream's settings H.264 1920×1080 and G.711A 8 kHz mono) and waits
     * for the {@code DevLoginResp}; other messages that come first are kept for {@link #receive}.
     */
    public Hedgw.DevLoginResp login(LoginParameters p) throws IOException {
        return login(p, StreamSettings.DEFAULT);
    }

    /** As {@link #login(LoginParameters)}, telling the server the media this camera will send. */
    public Hedgw.DevLoginResp login(LoginParameters p, StreamSettings stream) throws IOException {
        Hedgw.DevLoginReq.Builder request = Hedgw.DevLoginReq.newBuilder()
                .setAccessKey(p.accessKey())
                .setAccessSecret(p.accessSecret())
                .setUserName(p.userName())
                .setDeviceToken(p.deviceToken())
                .setUnifiedId(p.unifiedId())
                .setDeviceMac(p.deviceMac())
                .setDeviceId(p.deviceId())
                .setChannelId(p.channelId())
                .setVideoType(stream.videoType())
                .setVideoWidth(stream.videoWidth())
                .setVideoHeight(stream.videoHeight())
                .setAudioType(stream.audioType())
                .setAudioKhz(AUDIO_KHZ)
                .setAudioChannel(AUDIO_CHANNELS);
        send(Hedgw.HEDGWMessage.newBuilder().setMessageType(Hedgw.HEDGWMessage.MessageType.DevLoginReq)
                .setDevLoginReq(request).build());
        Hedgw.HEDGWMessage answer = await(m -> m.getMessageType() == Hedgw.HEDGWMessage.MessageType.DevLoginResp);
        if (!answer.hasDevLoginResp()) {
            throw new IOException("a DevLoginResp message without dev_login_resp");
        }
        return answer.getDevLoginResp();
    }

    /**
     * Sends a {@code PING} with the next id (1, 2, …) and waits for the {@code PONG} of that id; other messages
     * that come first (other PONGs too) are kept for {@link #receive}.
     *
     * @return the id
     */
    public int ping() throws IOException {
        int id = ++lastPingId;
        send(Hedgw.HEDGWMessage.newBuilder().setMessageType(Hedgw.HEDGWMessage.MessageType.PING)
                .setPing(Hedgw.Ping.newBuilder().setId(id)).build());
        await(m -> m.getMessageType() == Hedgw.HEDGWMessage.MessageType.PONG && m.hasPong() && m.getPong().getId() == id);
        return id;
    }

    /**
     * Sends a {@code DevEventCmd}, e.g. motion ({@link #EVENT_MOTION}) starting (status 1) or ending (status 0).
     *
     * @param ipcamTimeMillis the camera's time of the event, {@code ipcam_time}
     */
    public void event(int type, int status, long ipcamTimeMillis, Optional<String> msg) throws IOException {
        Hedgw.DevEventCmd.Builder event = Hedgw.DevEventCmd.newBuilder()
                .setType(type).setStatus(status).setIpcamTime(ipcamTimeMillis);
        msg.ifPresent(event::setMsg);
        send(Hedgw.HEDGWMessage.newBuilder().setMessageType(Hedgw.HEDGWMessage.MessageType.DevEventCmd)
                .setDevEventCmd(event).build());
    }

    /** Sends one package of audio, video or parameter sets ({@code TDMediaPackage}, 5.2.3 and 5.2.4). */
    public void sendMedia(Hedgw.TDMediaPackage media) throws IOException {
        send(Hedgw.HEDGWMessage.newBuilder().setMessageType(Hedgw.HEDGWMessage.MessageType.TDMediaPackage)
                .setTdMediaPackage(media).build());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Reads until a message {@code wanted} accepts, keeping the others for {@link #receive}. */
    private Hedgw.HEDGWMessage await(Predicate<Hedgw.HEDGWMessage> wanted) throws IOException {
        while (true) {
            Hedgw.HEDGWMessage message = read();
            if (wanted.test(message)) {
                return message;
            }
            if (pending.size() >= MAX_PENDING) {
                throw new IOException(MAX_PENDING + " other messages came while waiting for an answer");
            }
            pending.add(message);
        }
    }

    private Hedgw.HEDGWMessage read() throws IOException {
        int length = in.readInt(); // EOFException when the server has closed
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("a frame of " + Integer.toUnsignedString(length) + " bytes: more than "
                    + MAX_FRAME);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return Hedgw.HEDGWMessage.parseFrom(body);
    }

    /**
     * The media a camera says at login it will send: {@code video_type} ({@link #VIDEO_H264}, {@link #VIDEO_H265}),
     * the picture's size, and {@code audio_type} ({@link #AUDIO_G726}, {@link #AUDIO_G711A}); 8 kHz mono always.
     */
    public record StreamSettings(int videoType, int videoWidth, int videoHeight, int audioType) {

        /** H.264 1920×1080 and G.711A: what a camera without media files says. */
        public static final StreamSettings DEFAULT = new StreamSettings(VIDEO_H264, VIDEO_WIDTH, VIDEO_HEIGHT,
                AUDIO_G711A);
    }

    /**
     * What a camera logs in with. Its string form leaves out the access secret and the device token.
     *
     * @param userName  the user the camera was registered for (its mobile number)
     * @param deviceId  {@code device_id}, which the document's sample login sets
     * @param channelId {@link #CHANNEL_LIVE} or {@link #CHANNEL_SD_CARD}
     */
    public record LoginParameters(String accessKey, String accessSecret, String userName, String deviceToken,
                                  String unifiedId, String deviceMac, String deviceId, int channelId) {

        public LoginParameters {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(accessSecret, "accessSecret");
            Objects.requireNonNull(userName, "userName");
            Objects.requireNonNull(deviceToken, "deviceToken");
            Objects.requireNonNull(unifiedId, "unifiedId");
            Objects.requireNonNull(deviceMac, "deviceMac");
            Objects.requireNonNull(deviceId, "deviceId");
            if (channelId < 0) {
                throw new IllegalArgumentException("channelId " + channelId);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** The same, on another channel. */
        public LoginParameters withChannel(int channel) {
            return new LoginParameters(accessKey, accessSecret, userName, deviceToken, unifiedId, deviceMac, deviceId,
                    channel);
        }

        @Override
        public String toString() {
            return "LoginParameters[accessKey=" + accessKey + ", accessSecret=(hidden), userName=" + userName
                    + ", deviceToken=(hidden), unifiedId=" + unifiedId + ", deviceMac=" + deviceMac + ", deviceId="
                    + deviceId + ", channelId=" + channelId + "]";
        }

        /** Every field but the channel (default {@link #CHANNEL_LIVE}) has to be set. */
        public static final class Builder {

            private String accessKey;
            private String accessSecret;
            private String userName;
            private String deviceToken;
            private String unifiedId;
            private String deviceMac;
            private String deviceId;
            private int channelId = CHANNEL_LIVE;

            private Builder() {
            }

            public Builder accessKey(String accessKey) {
                this.accessKey = accessKey;
                return this;
            }

            public Builder accessSecret(String accessSecret) {
                this.accessSecret = accessSecret;
                return this;
            }

            public Builder userName(String userName) {
                this.userName = userName;
                return this;
            }

            public Builder deviceToken(String deviceToken) {
                this.deviceToken = deviceToken;
                return this;
            }

            public Builder unifiedId(String unifiedId) {
                this.unifiedId = unifiedId;
                return this;
            }

            public Builder deviceMac(String deviceMac) {
                this.deviceMac = deviceMac;
                return this;
            }

            public Builder deviceId(String deviceId) {
                this.deviceId = deviceId;
                return this;
            }

            public Builder channelId(int channelId) {
                this.channelId = channelId;
                return this;
            }

            /** @throws NullPointerException naming the first field not set */
            public LoginParameters build() {
                return new LoginParameters(accessKey, accessSecret, userName, deviceToken, unifiedId, deviceMac,
                        deviceId, channelId);
            }
        }
    }

    @Override
    public String toString() {
        return "HedgwCamera[" + socket.getRemoteSocketAddress() + ", " + Arrays.asList(socket.getEnabledProtocols()) + "]";
    }
}
