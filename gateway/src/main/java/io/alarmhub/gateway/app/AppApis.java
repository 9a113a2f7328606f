package io.alarmhub.gateway.app;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vendors' app APIs of one node, by vendor id: filled while the node makes its listeners, read by the
 * RestServer on every request.
 */
public final class AppApis {

    private final Map<String, AppApi> apis = new ConcurrentHashMap<>();

    /** Registers a vendor's API; a vendor registers once. */
    public void register(String vendor, AppApi api) {
        if (apis.putIfAbsent(vendor, api) != null) {
            throw new IllegalStateException("the app API of " + vendor + " is registered twice");
        }
    }

    public Optional<AppApi> find(String vendor) {
        return Optional.ofNullable(apis.get(vendor));
    }
}
