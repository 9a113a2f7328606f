/**
 * Camera audio at ingest: G.711 A-law and G.726 in, 16-bit PCM in between, A-law and FLAC out.
 *
 * <p>A camera sends 8 kHz mono in 20 or 40 ms packets. {@link io.alarmhub.video.audio.CameraAudio} turns each
 * packet into an {@link io.alarmhub.video.AudioFrame} once, so that every viewer and recording shares the same
 * bytes: A-law for players that take G.711 as it is, and one FLAC frame for browsers and MP4 recordings, which
 * play FLAC losslessly where they would not play G.711 or G.726 at all.
 *
 * <p>G.726 is a port of the public-domain Sun Microsystems reference (g72x.c, g721.c, g723_24.c, g723_40.c and
 * the later g723_16.c), which follows the bit-level description of ITU-T G.726. A camera's login says only
 * "G.726", not its rate or how code words are packed into bytes, and we have no sample from a Hemu camera.
 * Hisilicon-style firmware offers 16, 24, 32 and 40 kbit/s; 32 kbit/s (the G.721 rate, the one SIP and RTP
 * default to) in RFC 3551 order, the least significant bits first, is {@link
 * io.alarmhub.video.audio.G726Format#DEFAULT}; any other rate and the MSB-first order (AAL2, ffmpeg's
 * {@code g726}) are a {@link io.alarmhub.video.audio.G726Format} away.
 *
 * <p>ffmpeg's G.726 differs from the reference in two places (its step-size rounding, and its 40 kbit/s zero
 * predictor leak); we follow the reference, which is what camera encoders implement. At 32 kbit/s the two
 * decode ffmpeg's streams to within a few samples of each other; at 40 kbit/s ffmpeg's own encoder makes streams
 * that no reference decoder plays well, so a stream from ffmpeg is no stand-in for a camera's at that rate.
 *
 * <p>Codecs keep state per camera stream and are not thread-safe; none of them allocates per sample.
 */
package io.alarmhub.video.audio;
