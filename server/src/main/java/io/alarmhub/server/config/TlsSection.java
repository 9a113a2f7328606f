package io.alarmhub.server.config;

import static io.alarmhub.gateway.device.Sections.present;

/**
 * The stream listener's certificate ({@code stream.tls}): from PEM files or a PKCS#12 keystore; with neither,
 * a self-signed one is generated into {@code data.dir/tls}. Empty strings mean "not given"; which
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

    /** Leaves the password out: configurations get logged. */
    @Override
    public String toString() {
        return "TlsSection[certificate=" + certificate + ", privateKey=" + privateKey + ", keystore=" + keystore
                + ", keystorePassword=" + (keystorePassword.isEmpty() ? "" : "(set)") + "]";
    }
}
