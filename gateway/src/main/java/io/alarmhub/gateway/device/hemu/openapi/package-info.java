/**
 * The OpenAPI face of the Hemu platform (China Mobile's camera cloud; we play the platform): cameras of
 * licensed manufacturers call it over HTTPS, {@code POST /andmu/v2/service/batch}, to register, to report
 * what they can do and what they are, and to fetch their configuration.
 *
 * <p>This package holds the request path's parsing and checking, each step a function of what arrived:
 * {@link io.alarmhub.gateway.device.hemu.openapi.BatchParameters} reads {@code accessKey}, {@code signature} and
 * {@code jsonObject} from the form body or the query; {@link io.alarmhub.gateway.device.hemu.openapi.ApiSignature}
 * checks the signature with the manufacturer's secret; {@link io.alarmhub.gateway.device.hemu.openapi.Wsse}
 * reads the WSSE headers and checks their password digest, and
 * {@link io.alarmhub.gateway.device.hemu.openapi.NonceCache} refuses a replayed or stale one;
 * {@link io.alarmhub.gateway.device.hemu.openapi.HemuRequest} reads the message itself. A refusal is an
 * {@link io.alarmhub.gateway.device.hemu.openapi.OpenApiException} carrying the document's
 * {@link io.alarmhub.gateway.device.hemu.openapi.ErrorCode} (or, for the headers, a
 * {@link io.alarmhub.gateway.device.hemu.openapi.WsseException}). None of them throws anything else,
 * whatever the input.
 *
 * <p>The listener that puts these together behind Netty comes later.
 */
package io.alarmhub.gateway.device.hemu.openapi;
