/**
 * The HTTP/1.1 core every HTTP face stands on: the RestServer, the media server and the VStarcam camera
 * API. It owns what HTTP itself asks of a server, so that each face keeps only its routes and bodies:
 * requests answered one at a time and in order (pipelining), keep-alive (Netty's
 * {@code HttpServerKeepAliveHandler}), {@code Expect: 100-continue} (Netty's
 * {@code HttpServerExpectContinueHandler}, asking the face), the request timeout, the idle timeout (not
 * while an answer is owed), a lingering close when a request is refused before its body ended, and
 * malformed requests answered in the face's own error body.
 *
 * <pre>
 * HttpServerPipeline http = HttpServerPipeline.builder(face)
 *         .idleTimeout(settings.idleTimeout())
 *         .requestTimeout(settings.requestTimeout())
 *         .build();
 * ChannelPipeline p = ch.pipeline();
 * http.install(p);                   // idle, request timeout, codec, linger, keep-alive, expect, exchanges
 * p.addLast(new MyFaceHandler());    // sees one request at a time
 * </pre>
 */
package io.alarmhub.gateway.http;
