package io.alarmhub.gateway.device.hemu.hedgw;

import io.alarmhub.gateway.tls.ServerTls;
import io.alarmhub.gateway.tls.TlsSettings;
import io.netty.handler.ssl.SslContext;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The TLS of the HEDGW gateway (port 50922): TLS 1.2 or 1.3 ({@link ServerTls#PROTOCOLS}) with AEAD cipher
 * suites only, as the vendor document's section 5.2 requires. {@link #CIPHERS} are the AEAD suites of the
 * document's sample cipher list, in JDK names, and the TLS 1.3 suites; the sample's two CBC-SHA256 suites
 * are left out (not AEAD).
 *
 * <pre>
 * SslContext tls = HedgwTls.serverContext(settings, dataDir, advertisedHost); // once, at start
 * pipeline.addLast("tls", tls.newHandler(ch.alloc()));
 * pipeline.addLast("frames", new HedgwFrameDecoder());
 * </pre>
 */
public final class HedgwTls {

    /** In order of preference: the server's order is used where the JDK honours it. */
    public static final List<String> CIPHERS = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

    private HedgwTls() {
    }

    /** {@link ServerTls#context(TlsSettings, Path, Optional, List)} with {@link #CIPHERS}. */
    public static SslContext serverContext(TlsSettings settings, Path dataDir, Optional<String> advertisedHost) {
        return ServerTls.context(settings, dataDir, advertisedHost, CIPHERS);
    }
}
