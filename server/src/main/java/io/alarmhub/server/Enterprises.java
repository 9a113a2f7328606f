package io.alarmhub.server;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.stream.Enterprise;
import io.alarmhub.core.stream.SecretHash;
import io.alarmhub.server.config.AlarmhubConfig;
import io.alarmhub.server.config.ConfigException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the enterprises of the configuration, checking each entry. */
final class Enterprises {

    private Enterprises() {
    }

    static List<Enterprise> from(AlarmhubConfig config) {
        Set<String> ids = new HashSet<>();
        Set<String> vendors = config.adapters().vendors();
        return config.enterprises().stream().map(e -> {
            check(e.id().matches("[A-Za-z0-9_.-]{1,64}"), "enterprises: an id is 1 to 64 of A-Z a-z 0-9 _ . -, was '" + e.id() + "'");
            check(ids.add(e.id()), "enterprises: '" + e.id() + "' is listed twice");
            SecretHash secret;
            try {
                secret = SecretHash.parse(e.secretHash());
            } catch (IllegalArgumentException bad) {
                throw new ConfigException("enterprises: " + e.id() + ": " + bad.getMessage()
                        + " (make one with `alarmhub enterprise new` or `enterprise hash-secret`)");
            }
            e.vendors().forEach(v -> check(vendors.contains(v), "enterprises: " + e.id() + ": unknown vendor '" + v + "'"));
            Set<DeviceId> devices = new HashSet<>();
            for (String device : e.devices()) {
                int slash = device.indexOf('/');
                check(slash > 0 && slash < device.length() - 1 && vendors.contains(device.substring(0, slash)),
                        "enterprises: " + e.id() + ": a device reads vendor/id, was '" + device + "'");
                devices.add(new DeviceId(device.substring(0, slash), device.substring(slash + 1)));
            }
            return new Enterprise(e.id(), secret, devices, Set.copyOf(e.vendors()), e.retention());
        }).toList();
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
