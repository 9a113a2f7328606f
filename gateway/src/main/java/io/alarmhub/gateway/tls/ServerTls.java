package io.alarmhub.gateway.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The server {@link SslContext} of a TLS listener (TLSv1.3 and TLSv1.2, no client certificates):
 * <ul>
 *   <li>PEM: {@code stream.tls.certificate} (the chain, leaf first) and {@code stream.tls.private-key}
 *       (PKCS#8, or the PKCS#1 / SEC1 forms; unencrypted);</li>
 *   <li>PKCS#12: {@code stream.tls.keystore} and {@code stream.tls.keystore-password};</li>
 *   <li>neither: a self-signed certificate generated on first start into {@code <data dir>/tls/}
 *       ({@code server.crt}, {@code server.key}) and reused afterwards.</li>
 * </ul>
 * The log names the certificate in use and its SHA-256 fingerprint, never key material.
 * Anything unusable is a {@link TlsException} naming the setting.
 */
public final class ServerTls {

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The folder of the data directory that holds the generated certificate. */
    public static final String DIR = "tls";
    public static final String CERTIFICATE_FILE = "server.crt";
    public static final String PRIVATE_KEY_FILE = "server.key";

    private static final String CERTIFICATE = "stream.tls.certificate";
    private static final String PRIVATE_KEY = "stream.tls.private-key";
    private static final String KEYSTORE = "stream.tls.keystore";
    private static final String KEYSTORE_PASSWORD = "stream.tls.keystore-password";

    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /** As {@link #context(TlsSettings, Path, Optional)}, with no host beyond localhost and 127.0.0.1. */
    public static SslContext context(TlsSettings settings, Path dataDir) {
        return context(settings, dataDir, Optional.empty());
    }

    /**
     * @param advertisedHost the node's advertised host; a generated certificate names it too (it is not
     *                       added to a certificate generated earlier: delete {@code <data dir>/tls/} for that)
     */
    public static SslContext context(TlsSettings settings, Path dataDir, Optional<String> advertisedHost) {
        return context(settings, dataDir, advertisedHost, List.of());
    }

    /**
     * As {@link #context(TlsSettings, Path, Optional)}, offering only the given cipher suites (JDK names), for a
     * protocol whose specification restricts them (the Hemu HEDGW gateway: AEAD only). Suites this JVM does not
     * have are left out rather than refused, so that one missing suite does not stop the listener; none left is
     * a {@link TlsException}.
     *
     * @param ciphers the suites to offer, in order of preference; empty: the JDK's defaults, as the other overloads
     */
    public static SslContext context(TlsSettings settings, Path dataDir, Optional<String> advertisedHost,
                                     List<String> ciphers) {
        List<String> suites = List.copyOf(ciphers);
        boolean pem = settings.certificate().isPresent() || settings.privateKey().isPresent();
        if (pem && settings.keystore().isPresent()) {
            throw new TlsException("set either " + CERTIFICATE + " and " + PRIVATE_KEY + " (PEM) or "
                    + KEYSTORE + " (PKCS#12), not both");
        }
        if (settings.keystore().isPresent()) {
            return pkcs12(settings.keystore().get(), settings.keystorePassword(), suites);
        }
        if (pem) {
            Path certificate = settings.certificate().orElseThrow(() ->
                    new TlsException(CERTIFICATE + " is not set: " + PRIVATE_KEY + " needs the certificate it belongs to"));
            Path key = settings.privateKey().orElseThrow(() ->
                    new TlsException(PRIVATE_KEY + " is not set: " + CERTIFICATE + " needs its private key"));
            return pem(certificate, CERTIFICATE, key, PRIVATE_KEY, "TLS certificate " + certificate.toAbsolutePath(),
                    suites);
        }
        return selfSigned(dataDir, advertisedHost, suites);
    }

    /** Where the generated certificate of {@code dataDir} is (or will be): what a client has to trust. */
    public static Path generatedCertificate(Path dataDir) {
        return dataDir.resolve(DIR).resolve(CERTIFICATE_FILE);
    }

    public static Path generatedPrivateKey(Path dataDir) {
        return dataDir.resolve(DIR).resolve(PRIVATE_KEY_FILE);
    }

    /** The SHA-256 fingerprint of a certificate, as upper-case hex pairs joined by colons (as keytool and openssl print it). */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException("SHA-256 of a parsed certificate", e);
        }
    }

    /** The SHA-256 fingerprint of the first (leaf) certificate in a PEM or DER file. */
    public static String fingerprint(Path certificateFile) {
        return fingerprint(certificates(certificateFile, certificateFile.toString()).get(0));
    }

    /** A client context that trusts exactly the certificates in {@code certificateFile}: for tests and tools. */
    public static SSLContext clientTrusting(Path certificateFile) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (X509Certificate certificate : certificates(certificateFile, certificateFile.toString())) {
                trusted.setCertificateEntry("trusted-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsException("cannot trust " + certificateFile + ": " + e.getMessage(), e);
        }
    }

    private static SslContext selfSigned(Path dataDir, Optional<String> advertisedHost, List<String> ciphers) {
        Path certificate = generatedCertificate(dataDir);
        Path key = generatedPrivateKey(dataDir);
        String what = "the self-signed TLS certificate " + certificate.toAbsolutePath();
        if (Files.exists(certificate) && Files.exists(key)) {
            SslContext context = pem(certificate, certificate.toString(), key, key.toString(), what, ciphers);
            advertisedHost.filter(host -> !host.isBlank()).ifPresent(host -> {
                if (!names(certificates(certificate, certificate.toString()).get(0)).contains(host.trim())) {
                    log.warn("{} does not name the advertised host {}; clients that check the host name will refuse it."
                            + " Delete {} to generate a new one on the next start", what, host.trim(),
                            certificate.toAbsolutePath().getParent());
                }
            });
            return context;
        }
        SelfSigned.Generated generated = SelfSigned.generate(advertisedHost.map(List::of).orElse(List.of()));
        try {
            generated.write(certificate, key);
        } catch (IOException e) {
            throw new TlsException("cannot write the self-signed TLS certificate into "
                    + certificate.toAbsolutePath().getParent() + ": " + e.getMessage(), e);
        }
        log.info("no TLS certificate configured: generated a self-signed one for {} into {} ({} and {}, valid until {});"
                        + " SHA-256 fingerprint {}. Clients must trust {} or pin that fingerprint; set {} and {}, or {},"
                        + " to use your own", names(generated.certificate()), certificate.toAbsolutePath().getParent(),
                CERTIFICATE_FILE, PRIVATE_KEY_FILE, generated.certificate().getNotAfter().toInstant(),
                fingerprint(generated.certificate()), CERTIFICATE_FILE, CERTIFICATE, PRIVATE_KEY, KEYSTORE);
        return build(SslContextBuilder.forServer(generated.privateKey(), generated.certificate()), "generated certificate",
                ciphers);
    }

    private static SslContext pem(Path certificateFile, String certificateSetting, Path keyFile, String keySetting,
                                  String what, List<String> ciphers) {
        List<X509Certificate> chain = certificates(certificateFile, certificateSetting);
        PrivateKey key = privateKey(keyFile, keySetting);
        if (!belongTogether(key, chain.get(0))) {
            throw new TlsException(keySetting + ": the private key in " + keyFile + " does not belong to the certificate in "
                    + certificateFile);
        }
        log.info("using {}: {}, SHA-256 fingerprint {}", what, chain.get(0).getSubjectX500Principal(),
                fingerprint(chain.get(0)));
        return build(SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)), certificateSetting,
                ciphers);
    }

    private static SslContext pkcs12(Path file, String password, List<String> ciphers) {
        readable(file, KEYSTORE);
        char[] secret = password.toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, secret);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsException(KEYSTORE_PASSWORD + " is wrong for " + file, e);
            }
            throw new TlsException(KEYSTORE + ": " + file + " is not a PKCS#12 keystore (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(KEYSTORE + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
        try {
            X509Certificate leaf = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    leaf = certificate;
                    break;
                }
            }
            if (leaf == null) {
                throw new TlsException(KEYSTORE + ": " + file + " holds no private key with its certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, secret);
            log.info("using the TLS keystore {}: {}, SHA-256 fingerprint {}", file.toAbsolutePath(),
                    leaf.getSubjectX500Principal(), fingerprint(leaf));
            return build(SslContextBuilder.forServer(keys), KEYSTORE, ciphers);
        } catch (UnrecoverableKeyException e) {
            throw new TlsException(KEYSTORE_PASSWORD + " does not unlock the private key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new TlsException(KEYSTORE + ": cannot use " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private static SslContext build(SslContextBuilder builder, String setting, List<String> ciphers) {
        try {
            if (!ciphers.isEmpty()) {
                // SupportedCipherSuiteFilter drops the names this provider lacks; Netty's default filter would
                // hand them to the engine, which throws for an unknown suite.
                builder.ciphers(ciphers, SupportedCipherSuiteFilter.INSTANCE);
            }
            SslContext context = builder.protocols(PROTOCOLS).clientAuth(ClientAuth.NONE).build();
            if (!ciphers.isEmpty() && context.cipherSuites().isEmpty()) {
                throw new TlsException(setting + ": this Java offers none of the cipher suites " + ciphers);
            }
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new TlsException(setting + ": cannot build the TLS context (" + e.getMessage() + ")", e);
        }
    }

    private static void readable(Path file, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new TlsException(setting + ": no such file " + file.toAbsolutePath());
        }
        if (!Files.isReadable(file)) {
            throw new TlsException(setting + ": " + file.toAbsolutePath() + " cannot be read (permissions)");
        }
    }

    private static List<X509Certificate> certificates(Path file, String setting) {
        readable(file, setting);
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                throw new TlsException(setting + ": " + file + " holds no certificate");
            }
            return chain;
        } catch (IOException | CertificateException e) {
            throw new TlsException(setting + ": " + file + " holds no readable X.509 certificate (PEM or DER): "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file, String setting) {
        readable(file, setting);
        Object parsed;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(in)) {
            parsed = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new TlsException(setting + ": " + file + " holds no readable PEM private key: " + e.getMessage(), e);
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new TlsException(setting + ": " + file + " holds a private key of an unsupported kind: " + e.getMessage(), e);
        }
        if (parsed == null) {
            throw new TlsException(setting + ": " + file + " holds no PEM private key");
        }
        throw new TlsException(setting + ": " + file + " holds no unencrypted private key (found "
                + parsed.getClass().getSimpleName() + "); decrypt it, e.g. with openssl pkey");
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "ED25519", "EDDSA" -> "Ed25519";
            case "ED448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) {
            return true; // no way to check here; the handshake will tell
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> name : certificate.getSubjectAlternativeNames()) {
                    names.add(String.valueOf(name.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            // no names then
        }
        return names;
    }
}
