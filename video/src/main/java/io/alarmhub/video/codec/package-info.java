/**
 * H.264 and H.265 as cameras send them: Annex B byte streams ({@link io.alarmhub.video.codec.AnnexB}), their
 * parameter sets ({@link io.alarmhub.video.codec.ParameterSets}) and the decoder configuration records that
 * FLV and MP4 carry ({@code avcC}, ISO/IEC 14496-15 5.3.3; {@code hvcC}, 8.3.3).
 * {@link io.alarmhub.video.codec.AccessUnits} turns a camera's packages into
 * {@link io.alarmhub.video.VideoFrame}s: parameter sets out of band, NAL units length-prefixed.
 *
 * <p>Only the few fields the records and the picture size need are parsed from a sequence parameter set;
 * the sets themselves travel unchanged.
 */
package io.alarmhub.video.codec;
