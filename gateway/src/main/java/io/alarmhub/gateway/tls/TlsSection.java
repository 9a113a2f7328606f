package io.alarmhub.gateway.tls;

import java.nio.file.Path;
import java.util.Optional;

import static io.alarmhub.gateway.device.Sections.present;

/**
 * A TLS listener's certificate as configured ({@code stream.tls}, {@code hemu.tls}): from PEM files or a
 * PKCS#12 keystore; with neither, the self-signed one generated into {@code data.dir/tls}. Empty strings mean "not given"; which
 * combinations work is checked when the certificate is loaded, where the files are read.
 *
 * @param certificate      a PEM certificate chain
 * @param privateKey       its PEM private key
 * @param keystore         a PKCS#12 keystore instead
 * @param keystorePassword the keystore's password; better from {@code ALARMHUB_TLS_KEYSTORE_PASSWORD}
 */
public record TlsSection(String certificate, String privateKey, String keystore, String keystorePassword) {

    public static final TlsSection DEFAULT = new TlsSection("", "", "", "");

    public TlsSection {
        present("certificate", certificate);
        present("private-key", privateKey);
        present("keystore", keystore);
        present("keystore-password", keystorePassword);
    }

    public TlsSection withKeystore(String keystore) {
        return new TlsSection(certificate, privateKey, keystore, keystorePassword);
    }

    public TlsSection withKeystorePassword(String keystorePassword) {
        return new TlsSection(certificate, privateKey, keystore, keystorePassword);
    }

    /** As the certificate loader takes it: empty strings become "not given". */
    public TlsSettings settings() {
        return new TlsSettings(path(certificate), path(privateKey), path(keystore), keystorePassword);
    }

    private static Optional<Path> path(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    /** Leaves the password out: configurations get logged. */
    @Override
    public String toString() {
        return "TlsSection[certificate=" + certificate + ", privateKey=" + privateKey + ", keystore=" + keystore
                + ", keystorePassword=" + (keystorePassword.isEmpty() ? "" : "(set)") + "]";
    }
}
