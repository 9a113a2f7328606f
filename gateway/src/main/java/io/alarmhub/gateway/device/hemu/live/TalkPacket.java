package io.alarmhub.gateway.device.hemu.live;

/**
 * One 20 ms package of a talker's voice, as the camera is sent it in a {@code TDMediaPackage} of
 * {@code package_type} 1 (5.2.5). The {@code uint32} fields are Java {@code int}s that wrap, as the HEDGW's are.
 *
 * @param rtp       an RTP packet of G.711 A-law ({@link RtpPackets}); not to be changed once made
 * @param startTime milliseconds of the talk before this package, counted from its samples
 * @param seqNum    the package's number in the talk, from 0
 * @param ipcamTime when the server sent it, UTC milliseconds
 */
public record TalkPacket(byte[] rtp, int startTime, int seqNum, long ipcamTime) {
}
