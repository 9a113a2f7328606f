/**
 * Fragmented MP4 (ISO/IEC 14496-12, with ISO/IEC 14496-15 for H.264 and H.265 and the FLAC-in-ISOBMFF
 * encapsulation for audio) for recordings and event clips kept on disk:
 * {@link io.alarmhub.video.mp4.FragmentedMp4Writer} writes an init segment and then one fragment per GOP, so a
 * file is playable, up to its last complete fragment, at every moment it is being written.
 */
package io.alarmhub.video.mp4;
