package io.alarmhub.gateway.device;

import io.alarmhub.gateway.Listener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One vendor's device adapter, as the node, the configuration loader and the launchers see it. Not sealed:
 * every vendor lives in a package of its own, and a test may bring a vendor of its own.
 *
 * @param <S> the vendor's configuration section: a record whose canonical constructor rejects what cannot
 *            work, naming the key and the value (see {@link Sections}); its components are the section's
 *            keys, in kebab-case in YAML
 */
public interface DeviceAdapter<S extends Record> {

    /** The vendor id: the YAML section's key, the first part of device ids, the {@code vendor} tag of meters. */
    String vendor();

    /** The section's record class, which the loader binds the vendor's YAML section into. */
    Class<S> sectionType();

    /** The section with every key at its default, which {@code alarmhub.example.yaml} lists. */
    S defaults();

    /**
     * Checks what the section's record cannot check itself because it lies outside the YAML: a file or an
     * environment variable the section names (a secret). The node calls it before it opens anything in
     * {@code data.dir}, so that such a mistake is refused like a mistake in the YAML, leaving nothing behind.
     * Vendors whose sections name no such thing have nothing to check.
     *
     * @throws IllegalArgumentException naming the key path within the section and what is wrong
     */
    default void check(S section, Path dataDir) {
    }

    /**
     * The listeners devices of this vendor connect to, not yet started, in the order they start: most vendors
     * have one; one whose devices speak to several services of its (a registration API and a signalling
     * gateway) has one each.
     *
     * @param context what the node lends every adapter; the adapter keeps what it needs
     */
    List<Listener> listeners(S section, DeviceContext context);

    /**
     * How long a device of this vendor may stay silent before the intake's sweep takes it offline. A vendor
     * whose devices hold no connection relies on the sweep alone; one whose adapter notices silence itself
     * gives a longer one, so the sweep covers only devices that never came back after a restart.
     */
    Duration sweepTimeout(S section);

    /**
     * Whether this vendor's devices say when their alarms end ({@link io.alarmhub.core.event.DeviceEvent.AlarmEnd}):
     * the enterprise stream then clears their alarms at that end rather than after {@code stream.alarm-clear-after}.
     */
    default boolean reportsAlarmEnds() {
        return false;
    }

    /**
     * The section's keys that hold a port to listen on, e.g. {@code port}: launchers that run the server on
     * free ports give each one of its own, as {@code <vendor>.<key>}, with {@code host} next to it.
     */
    List<String> portKeys();

    /**
     * The names of the meters the vendor's listener registers, each tagged {@code vendor=}{@link #vendor()},
     * once it has started: the {@link DeviceMetrics} names it uses, then any of its own. Every meter of the
     * vendor is named here and every name here has a meter, so that dashboards and alerts can be written from
     * the list.
     */
    List<String> meterNames();
}
