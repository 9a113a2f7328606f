package io.alarmhub.gateway.tls;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a listener's certificate comes from: a PEM certificate chain and its PKCS#8 private key, or a
 * PKCS#12 keystore and its password, or neither (a self-signed certificate in the data directory).
 * The names in messages are the configuration keys under {@code stream.tls}.
 */
public record TlsSettings(Optional<Path> certificate, Optional<Path> privateKey, Optional<Path> keystore,
                          String keystorePassword) {

    /** Nothing configured: a generated self-signed certificate. */
    public static final TlsSettings SELF_SIGNED = new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(), "");

    public TlsSettings {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keystore, "keystore");
        keystorePassword = keystorePassword == null ? "" : keystorePassword;
    }

    public static TlsSettings pem(Path certificate, Path privateKey) {
        return new TlsSettings(Optional.of(certificate), Optional.of(privateKey), Optional.empty(), "");
    }

    public static TlsSettings pkcs12(Path keystore, String password) {
        return new TlsSettings(Optional.empty(), Optional.empty(), Optional.of(keystore), password);
    }

    /** Never the password: this may end up in a log. */
    @Override
    public String toString() {
        return "TlsSettings[certificate=" + certificate + ", privateKey=" + privateKey + ", keystore=" + keystore + "]";
    }
}
