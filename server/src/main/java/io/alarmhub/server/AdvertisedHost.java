package io.alarmhub.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The host name clients are told to connect to ({@code /info}, {@code /info/servers}): the configured one,
 * else this machine's first non-loopback IPv4 address, else loopback.
 */
final class AdvertisedHost {

    private AdvertisedHost() {
    }

    static String resolve(String configured) {
        if (!configured.isBlank()) {
            return configured.trim();
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through to loopback: a node that cannot list its interfaces still serves locally
        }
        return InetAddress.getLoopbackAddress().getHostAddress();
    }
}
