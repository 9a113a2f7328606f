package io.alarmhub.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/**
 * The host name clients are told to connect to ({@code /info}, {@code /info/servers}, media URLs): the
 * configured one, else this machine's first non-loopback IPv4 address, else loopback. The choice and its
 * reason are logged, with a warning for loopback, since remote clients told {@code 127.0.0.1} fail
 * without a word of why.
 */
final class AdvertisedHost {

    private static final Logger log = LoggerFactory.getLogger(AdvertisedHost.class);

    /** The host chosen and why, in words for the log. */
    record Choice(String host, String reason, boolean loopbackFallback) {
    }

    private AdvertisedHost() {
    }

    /** The host to advertise, logged with its reason. */
    static String resolve(String configured) {
        Choice choice = choose(configured, interfaces());
        if (choice.loopbackFallback()) {
            log.warn("advertising {} to clients: {}; clients on other machines will not reach it, "
                    + "set node.advertised-host", choice.host(), choice.reason());
        } else {
            log.info("advertising {} to clients: {}", choice.host(), choice.reason());
        }
        return choice.host();
    }

    /** The choice among {@code nics}, the machine's interfaces that are up, by name and their addresses. */
    static Choice choose(String configured, List<Nic> nics) {
        if (!configured.isBlank()) {
            return new Choice(configured.trim(), "configured as node.advertised-host", false);
        }
        for (Nic nic : nics) {
            for (InetAddress address : nic.addresses()) {
                if (address instanceof Inet4Address && !address.isLinkLocalAddress() && !address.isLoopbackAddress()) {
                    return new Choice(address.getHostAddress(), "the first IPv4 address of interface " + nic.name()
                            + " (node.advertised-host is not set)", false);
                }
            }
        }
        return new Choice(InetAddress.getLoopbackAddress().getHostAddress(),
                "node.advertised-host is not set and no interface has a non-loopback IPv4 address", true);
    }

    /** One network interface: its name and addresses. */
    record Nic(String name, List<InetAddress> addresses) {
        Nic {
            addresses = List.copyOf(addresses);
        }
    }

    private static List<Nic> interfaces() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(AdvertisedHost::upAndNotLoopback)
                    .map(nic -> new Nic(nic.getName(), Collections.list(nic.getInetAddresses())))
                    .toList();
        } catch (SocketException e) {
            // a node that cannot list its interfaces still serves locally; choose() says so
            return List.of();
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
