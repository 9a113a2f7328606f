package io.alarmhub.server;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which host clients are told to use, and the reason the log gives for it. */
class AdvertisedHostTest {

    @Test
    void aConfiguredHostWins() throws Exception {
        AdvertisedHost.Choice choice = AdvertisedHost.choose(" alarms.example.org ",
                List.of(new AdvertisedHost.Nic("eth0", List.of(InetAddress.getByName("10.0.0.5")))));

        assertThat(choice).isEqualTo(new AdvertisedHost.Choice("alarms.example.org",
                "configured as node.advertised-host", false));
    }

    @Test
    void takesTheFirstRoutableIpv4AddressAndNamesItsInterface() throws Exception {
        AdvertisedHost.Choice choice = AdvertisedHost.choose("", List.of(
                new AdvertisedHost.Nic("wlan0", List.of(InetAddress.getByName("fe80::1"),
                        InetAddress.getByName("169.254.3.4"))),
                new AdvertisedHost.Nic("eth0", List.of(InetAddress.getByName("192.168.1.20")))));

        assertThat(choice.host()).isEqualTo("192.168.1.20");
        assertThat(choice.reason()).contains("eth0");
        assertThat(choice.loopbackFallback()).isFalse();
    }

    @Test
    void fallingBackToLoopbackIsMarkedForAWarning() throws Exception {
        AdvertisedHost.Choice choice = AdvertisedHost.choose("", List.of(
                new AdvertisedHost.Nic("wlan0", List.of(InetAddress.getByName("169.254.3.4")))));

        assertThat(choice.host()).isEqualTo("127.0.0.1");
        assertThat(choice.loopbackFallback()).isTrue();
        assertThat(choice.reason()).contains("no interface");
    }
}
