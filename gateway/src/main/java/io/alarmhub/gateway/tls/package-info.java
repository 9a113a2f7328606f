/**
 * TLS for the listeners that need it (the enterprise stream): {@link io.alarmhub.gateway.tls.ServerTls}
 * builds a server {@code SslContext} from a PEM certificate and key, from a PKCS#12 keystore, or, when
 * neither is configured, from a self-signed certificate generated once into the data directory
 * ({@link io.alarmhub.gateway.tls.SelfSigned}).
 */
package io.alarmhub.gateway.tls;
