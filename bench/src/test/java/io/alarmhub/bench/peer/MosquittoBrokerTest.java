package io.alarmhub.bench.peer;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MosquittoBrokerTest {

    @Test
    void theGeneratedConfigurationPersistsAsEagerlyAsMosquittoCan() {
        String conf = MosquittoBroker.config(23456, Path.of("/tmp/m"), "bench");

        assertThat(conf.lines()).contains("listener 23456 127.0.0.1", "persistence true", "persistence_location /tmp/m/",
                "autosave_on_changes true", "autosave_interval 1", "max_queued_messages 0", "user bench",
                "allow_anonymous true");
    }
}
