package io.alarmhub.server.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListenPortTest {

    @Test
    void theDefaultsListEveryListenerOncePortByPort() {
        List<ListenPort> ports = ListenPort.of(AlarmhubConfig.DEFAULT);
        assertThat(ports).extracting(ListenPort::key).contains("rest.port", "tcp.port", "websocket.port",
                "socketio.port", "media.port", "stream.port", "metrics.port", "jovision.port", "vstarcam.port");
        assertThat(ListenPort.clash(ports)).isEmpty();
    }

    @Test
    void oneAddressOnTwoKeysClashes() {
        assertThat(ListenPort.clash(List.of(new ListenPort("rest.port", "0.0.0.0", 9000),
                new ListenPort("websocket.port", "127.0.0.1", 9000))))
                .contains("websocket.port: 9000 is rest.port too; two listeners cannot share a port");
    }

    @Test
    void twoHostsOrAFreePortDoNotClash() {
        assertThat(ListenPort.clash(List.of(new ListenPort("rest.port", "127.0.0.1", 9000),
                new ListenPort("tcp.port", "127.0.0.2", 9000),
                new ListenPort("media.port", "127.0.0.1", 0),
                new ListenPort("stream.port", "127.0.0.1", 0)))).isEmpty();
    }
}
