/**
 * The Hemu HEDGW signalling gateway's protocol layer: how a camera's TLS byte stream on port 50922 becomes
 * {@link io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage}s and back (docs/hemu.md).
 *
 * <p>Each frame is a 4-byte big-endian length and one serialized protobuf (proto2) {@code HEDGWMessage}
 * ({@code gateway/src/main/proto/hedgw.proto}, generated into {@code ...hedgw.proto} at build time).
 * {@link io.alarmhub.gateway.device.hemu.hedgw.HedgwFrameDecoder} never throws for what a camera sends: it
 * emits a {@link io.alarmhub.gateway.device.hemu.hedgw.HedgwFrame}, a message or the reason it is bad, and
 * the handler decides (answer, count, close). {@link io.alarmhub.gateway.device.hemu.hedgw.HedgwTls} holds
 * the TLS rule of the vendor document (TLS 1.2 or newer, AEAD suites only). The login logic and the listener
 * are not here.
 */
package io.alarmhub.gateway.device.hemu.hedgw;
