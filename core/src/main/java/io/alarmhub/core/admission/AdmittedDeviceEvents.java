package io.alarmhub.core.admission;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceChange;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The device intake behind the node's {@link Admission}: what the adapters are handed, so that the intake itself
 * knows nothing of overload.
 *
 * <p>New events (alarms, their media, status reports, a device's hello) are {@link Admission#admit admitted}, and
 * refused past the node's capacity: the adapter answers the device its protocol's failure and the device sends
 * them again. Never refused, only counted in flight ({@link Admission#carry}):
 * <ul>
 *   <li>offline events and alarm ends: they close what watchers were told is open (a device online, an alarm
 *   raised) and often have no one to send them again (a connection that ended);</li>
 *   <li>events with a {@link DeviceChange}: a registration, new owners, a vendor's records, a firmware or plan
 *   change, which the node or an operator has already acted on, or told the device about.</li>
 * </ul>
 * Refusals are counted under the device's vendor.
 */
public final class AdmittedDeviceEvents implements DeviceEvents {

    private final DeviceEvents intake;
    private final Admission admission;

    public AdmittedDeviceEvents(DeviceEvents intake, Admission admission) {
        this.intake = intake;
        this.admission = admission;
    }

    /** Whether past capacity this event is refused rather than carried. */
    public static boolean refusable(DeviceEvent event) {
        return !(event instanceof DeviceEvent.Offline || event instanceof DeviceEvent.AlarmEnd);
    }

    @Override
    public CompletableFuture<Void> accept(DeviceEvent event) {
        return refusable(event) ? admission.admit(event.device().vendor(), () -> intake.accept(event))
                : admission.carry(() -> intake.accept(event));
    }

    @Override
    public CompletableFuture<Void> accept(DeviceEvent event, DeviceChange change) {
        return admission.carry(() -> intake.accept(event, change));
    }

    @Override
    public String nextId() {
        return intake.nextId();
    }

    @Override
    public boolean online(DeviceId device) {
        return intake.online(device);
    }

    @Override
    public void seen(DeviceId device, Instant at) {
        intake.seen(device, at);
    }
}
