package io.alarmhub.core.event;

import io.alarmhub.core.device.Device;
import io.alarmhub.core.store.StoreOp;

import java.util.List;

/**
 * Something besides the push watchers that a device event is stored for, in the same transaction: the
 * enterprise stream. Its operations' continuations run on the store's commit thread, in commit order.
 */
public interface EventSink {

    /** The operations to commit with this event of this device (its state after the event); often none. */
    List<StoreOp> ops(DeviceEvent event, Device device);
}
