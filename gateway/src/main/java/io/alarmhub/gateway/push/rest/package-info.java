/**
 * RestServer (port 9900): the node's HTTP entry point. Publishers POST to {@code /push/{token}}, and
 * clients ask {@code /info/...} which node to connect to and who is online, before they open a
 * connection on one of the other faces. Every path ends with an XTEA app token.
 *
 * <p>The listener stands on the shared HTTP core ({@link io.alarmhub.gateway.http}: keep-alive, answers in
 * request order, 100-continue, timeouts), told by {@link io.alarmhub.gateway.push.rest.RestFace} how the
 * RestServer refuses and counts. {@link io.alarmhub.gateway.http.BodyAggregator} bounds the body,
 * {@link io.alarmhub.gateway.push.rest.RestHandler} answers each request and
 * {@link io.alarmhub.gateway.push.rest.RestRoutes} turns one request into one JSON answer, through the same
 * {@code PushHub} the other faces use.
 */
package io.alarmhub.gateway.push.rest;
