package io.alarmhub.gateway.device.hemu.platform;

/** Where the gateway hands each {@code DevIpCamCmd} a logged-in camera sends, in the order it sent them. */
@FunctionalInterface
public interface IpCamInbox {

    /** One message of the camera {@code deviceId}; must not block (it runs on the connection's thread). */
    void accept(String deviceId, IpCamMessage message);
}
