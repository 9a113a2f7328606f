/**
 * The enterprise event stream's listener ("noti" 1.0): TLS on port 2015, newline-delimited JSON
 * both ways. {@link io.alarmhub.gateway.stream.EnterpriseStreamListener} binds it; each connection runs
 *
 * <pre>
 * tls    SslHandler               from the SslContext given (TLS 1.3 and 1.2)
 * idle   IdleTimeout              nothing read for idleTimeout → closed
 * lines  StreamLineDecoder        bytes → StreamLine (bounded, never throws)
 * stream EnterpriseStreamHandler  login, ping, ack; a StreamConnection of EnterpriseStreams
 * </pre>
 *
 * Decisions where the protocol is silent: a line other than a login before login is answered
 * {@code invalid_msg} and the connection stays open until the login timeout; a login request with
 * missing or mistyped fields is answered {@code enterprise_login_res} false (the client waits for that
 * answer) and closed; a second login is {@code invalid_msg}; an ack of an id the connection does not have
 * in flight is ignored without an answer (counted); {@code delivery_id} and {@code prefetch_count} may be JSON integers or strings of digits.
 */
package io.alarmhub.gateway.stream;
