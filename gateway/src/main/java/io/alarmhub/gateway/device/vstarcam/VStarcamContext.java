package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaStore;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What every VStarcam connection shares.
 *
 * @param blocking runs the media store's blocking calls, never on an event loop
 */
record VStarcamContext(VStarcamSettings settings, DeviceEvents events, MediaStore media, Executor blocking,
                       VStarcamMetrics metrics, UploadDataFactory uploads, Clock clock) {
}
