package io.alarmhub.gateway.tls;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A self-signed server certificate: EC P-256 key, SHA256withECDSA, {@code CN=alarmhub}, subject alternative
 * names {@code DNS:localhost}, {@code IP:127.0.0.1} and any extra host (a DNS name or an IP literal),
 * valid for ten years. Written as PEM: the certificate, and the PKCS#8 private key readable by the owner only.
 */
public final class SelfSigned {

    public static final Duration VALIDITY = Duration.ofDays(3650);

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private SelfSigned() {
    }

    /** A generated key and its certificate. */
    public record Generated(X509Certificate certificate, PrivateKey privateKey) {

        /** Writes both as PEM; the key file is created {@code rw-------} (where the file system has permissions). */
        public void write(Path certificateFile, Path privateKeyFile) throws IOException {
            SelfSigned.write(privateKeyFile, pem("PRIVATE KEY", privateKey.getEncoded()), true);
            try {
                SelfSigned.write(certificateFile, pem("CERTIFICATE", certificate.getEncoded()), false);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a certificate just built encodes", e);
            }
        }

        @Override
        public String toString() {
            return "Generated[" + certificate.getSubjectX500Principal() + "]";
        }
    }

    /** The host names and addresses a generated certificate is for: localhost, 127.0.0.1, then {@code extraHosts}. */
    public static List<String> names(Collection<String> extraHosts) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        for (String host : extraHosts) {
            if (host != null && !host.isBlank()) {
                names.add(host.trim());
            }
        }
        return new ArrayList<>(names);
    }

    public static Generated generate(Collection<String> extraHosts) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();

            X500Name subject = new X500Name("CN=alarmhub");
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(62);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            List<GeneralName> alternatives = new ArrayList<>();
            for (String name : names(extraHosts)) {
                boolean ip = IPV4.matcher(name).matches() || name.contains(":");
                alternatives.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, name));
            }
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(alternatives.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));

            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            certificate.verify(pair.getPublic());
            return new Generated(certificate, pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new TlsException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TlsException("cannot generate a self-signed certificate for " + extraHosts + ": " + e.getMessage(), e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes through a temporary file and a rename, so that a reader never sees half a file. */
    private static void write(Path file, String text, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary;
        try {
            temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
        } catch (UnsupportedOperationException notPosix) {
            temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        }
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
