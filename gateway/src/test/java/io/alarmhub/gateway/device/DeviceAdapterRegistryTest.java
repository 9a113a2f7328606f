package io.alarmhub.gateway.device;

import io.alarmhub.gateway.device.jovision.JovisionAdapter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceAdapterRegistryTest {

    @Test
    void theStandardVendorsHaveTheirDefaultsAndPortKeys() {
        assertThat(DeviceAdapterRegistry.STANDARD.vendors()).containsExactly("hemu", "jovision", "vstarcam");
        for (DeviceAdapter<?> adapter : DeviceAdapterRegistry.STANDARD.adapters()) {
            assertThat(adapter.sectionType().isInstance(adapter.defaults())).isTrue();
            assertThat(adapter.portKeys()).isNotEmpty();
            assertThat(adapter.sectionType().getRecordComponents())
                    .extracting(c -> c.getName()).contains("host", "port");
        }
    }

    @Test
    void aVendorIsRegisteredOnce() {
        assertThatThrownBy(() -> DeviceAdapterRegistry.STANDARD.with(new JovisionAdapter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jovision' is registered twice");
        assertThat(new DeviceAdapterRegistry(List.of()).knows("jovision")).isFalse();
        assertThat(DeviceAdapterRegistry.STANDARD.find("vstarcam")).isPresent();
    }
}
