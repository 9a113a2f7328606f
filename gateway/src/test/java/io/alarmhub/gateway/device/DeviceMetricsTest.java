package io.alarmhub.gateway.device;

import io.alarmhub.core.media.MediaKind;
import io.alarmhub.gateway.device.jovision.JovisionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void everyVendorCountsUnderTheSameNamesTaggedWithItsId() {
        DeviceMetrics acme = new DeviceMetrics("acme", registry);
        acme.messages("alarm").increment();
        acme.messages("alarm").increment();
        acme.badInput("not_json").increment();
        acme.closed("line_timeout").increment();
        acme.uploadBytes(MediaKind.PICTURE).record(1234);
        AtomicInteger open = new AtomicInteger(3);
        acme.connections(open, AtomicInteger::get);

        assertThat(registry.get(DeviceMetrics.MESSAGES).tags("vendor", "acme", "type", "alarm").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(DeviceMetrics.BAD_INPUT).tags("vendor", "acme", "reason", "not_json").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(DeviceMetrics.CLOSED).tags("vendor", "acme", "reason", "line_timeout").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(DeviceMetrics.UPLOAD_BYTES).tags("vendor", "acme", "kind", "picture").summary()
                .totalAmount()).isEqualTo(1234);
        assertThat(registry.get(DeviceMetrics.CONNECTIONS).tags("vendor", "acme").gauge().value()).isEqualTo(3);
    }

    @Test
    void aVendorsVocabularyIsThereBeforeAnythingHappens() {
        new JovisionMetrics(registry);
        assertThat(registry.get(DeviceMetrics.MESSAGES).tags("vendor", "jovision", "type", "alarm_ftp").counter()
                .count()).isZero();
        assertThat(registry.get(DeviceMetrics.CLOSED).tags("vendor", "jovision", "reason", "heartbeat_timeout")
                .counter().count()).isZero();
        assertThat(registry.get(DeviceMetrics.MESSAGES).counters()).allSatisfy(counter ->
                assertThat(counter.getId().getDescription()).isEqualTo("valid device requests"));
    }
}
