package io.alarmhub.core.event;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.media.MediaRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a device says, normalized. Each event keeps the vendor's own message ({@code raw}, JSON text)
 * beside the normalized fields, so nothing the device said is lost.
 */
public sealed interface DeviceEvent {

    /** alarmhub's id of the event. */
    String id();

    DeviceId device();

    /** When it happened, by the device's clock where the device says, else when alarmhub received it. */
    Instant time();

    /** The vendor's message as JSON text. */
    String raw();

    /**
     * The name of the kind in pushed JSON: {@code online}, {@code offline}, {@code alarm}, {@code alarm_end},
     * {@code media}, {@code status}.
     */
    String kind();

    /**
     * The device connected or said it is there.
     *
     * @param name    the device's name, when it gave one
     * @param address the address it connected from
     */
    record Online(String id, DeviceId device, Instant time, Optional<String> name, Optional<String> address,
                  String raw) implements DeviceEvent {
        @Override
        public String kind() {
            return "online";
        }
    }

    /** The device said goodbye, or went quiet past its timeout ({@code reason} says which). */
    record Offline(String id, DeviceId device, Instant time, String reason, String raw) implements DeviceEvent {
        @Override
        public String kind() {
            return "offline";
        }
    }

    /**
     * An alarm.
     *
     * @param channel    the camera channel, 0 when the vendor has none
     * @param type       normalized type
     * @param vendorType the vendor's own code, as text ({@code 9}, {@code 0x12})
     * @param ref        the vendor's correlation of this alarm with later messages about it (Jovision
     *                   {@code dguid:ats}); empty when there is none
     * @param vendorAlarmId the vendor's alarm id (Jovision {@code aguid}), when it sends one
     * @param media      pictures and clips known when the alarm is raised
     * @param deviceName the name the device gave in this message
     */
    record Alarm(String id, DeviceId device, Instant time, int channel, AlarmType type, String vendorType,
                 Optional<String> ref, Optional<String> vendorAlarmId, List<MediaRef> media,
                 Optional<String> deviceName, String raw) implements DeviceEvent {
        public Alarm {
            media = List.copyOf(media);
        }

        @Override
        public String kind() {
            return "alarm";
        }
    }

    /**
     * An alarm ended, as its device said (a Hemu camera's {@code DevEventCmd} with {@code status} 0), or because
     * the device's connection ended while the alarm was raised. Only vendors whose devices report the ends of
     * their alarms send these; for the others an alarm is a moment.
     *
     * @param type       the ended alarm's normalized type
     * @param vendorType the ended alarm's vendor code
     * @param ref        the ended alarm's {@link Alarm#ref()}
     * @param reason     {@code device} (the device said so) or {@code disconnected}
     */
    record AlarmEnd(String id, DeviceId device, Instant time, AlarmType type, String vendorType, String ref,
                    String reason, String raw) implements DeviceEvent {
        @Override
        public String kind() {
            return "alarm_end";
        }
    }

    /** A picture or clip of an earlier alarm is ready; {@code ref} is that alarm's {@link Alarm#ref()}. */
    record AlarmMediaReady(String id, DeviceId device, Instant time, String ref, MediaRef media, String raw)
            implements DeviceEvent {
        @Override
        public String kind() {
            return "media";
        }
    }

    /** Device state other than alarms (a heartbeat's values, settings), as key-value pairs. */
    record Status(String id, DeviceId device, Instant time, Map<String, String> values, String raw)
            implements DeviceEvent {
        public Status {
            values = Map.copyOf(values);
        }

        @Override
        public String kind() {
            return "status";
        }
    }
}
