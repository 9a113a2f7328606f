package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.event.DeviceEvents;
import io.alarmhub.core.media.MediaKind;
import io.alarmhub.core.media.MediaRef;
import io.alarmhub.gateway.device.jovision.JovisionMessage.AlarmFields;
import io.alarmhub.gateway.device.jovision.JovisionMessage.Request;
import io.alarmhub.gateway.device.jovision.JovisionMessage.StagedAlarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps a request to the {@link DeviceEvent} it stands for.
 * <ul>
 *   <li>2201, and 2203 from a device not known as online: {@code Online}, with {@code dname} and the
 *       address the device connected from</li>
 *   <li>2205: {@code Offline("goodbye")}</li>
 *   <li>2219: {@code Alarm} at {@code ats} (else the receive time), ref {@code dguid:ats}, media named by
 *       {@code apic} and {@code avd}/{@code avideo} with the name itself as URL (the document: the server
 *       passes the device's names to clients as they are)</li>
 *   <li>2221/2223 {@code amt:0}: {@code Alarm}, ref {@code dguid:ats}, with media only for the files the
 *       message names (URLs from the template); {@code amt:1}/{@code amt:2}: {@code AlarmMediaReady} of the
 *       picture/clip, URL from the template, at the receive time (the upload finished now, not at
 *       {@code ats})</li>
 * </ul>
 */
final class JovisionEventMapper {

    /**
     * The {@code raw} of an offline event alarmhub detected itself (connection closed, heartbeat timeout):
     * the device sent no message, so the raw says who did, as the event intake's own sweep does.
     */
    static final String NO_MESSAGE = "{\"detected_by\":\"alarmhub\"}";

    private final DeviceEvents events;
    private final JovisionMediaUrls urls;

    JovisionEventMapper(DeviceEvents events, JovisionMediaUrls urls) {
        this.events = events;
        this.urls = urls;
    }

    /** The event of a request; a heartbeat maps to the {@code Online} it stands for when one is due. */
    DeviceEvent event(Request request, Instant now, Optional<String> address) {
        String id = events.nextId();
        if (request instanceof JovisionMessage.Online online) {
            return new DeviceEvent.Online(id, request.device(), now, online.name(), address, request.raw());
        }
        if (request instanceof JovisionMessage.Heartbeat heartbeat) {
            return new DeviceEvent.Online(id, request.device(), now, heartbeat.name(), address, request.raw());
        }
        if (request instanceof JovisionMessage.Offline) {
            return new DeviceEvent.Offline(id, request.device(), now, "goodbye", request.raw());
        }
        if (request instanceof JovisionMessage.Alarm alarm) {
            AlarmFields f = alarm.fields();
            List<MediaRef> media = new ArrayList<>(2);
            f.picture().ifPresent(name -> media.add(new MediaRef(MediaKind.PICTURE, name, Optional.empty(), name)));
            f.video().ifPresent(name -> media.add(new MediaRef(MediaKind.VIDEO, name, Optional.empty(), name)));
            return alarm(id, request, f, f.ref(request.dguid()), media, now);
        }
        StagedAlarm staged = (StagedAlarm) request;
        AlarmFields f = staged.fields();
        return switch (staged.amt()) {
            case TEXT -> {
                List<MediaRef> media = new ArrayList<>(2);
                f.picture().ifPresent(name -> media.add(templated(staged, MediaKind.PICTURE, Optional.of(name))));
                f.video().ifPresent(name -> media.add(templated(staged, MediaKind.VIDEO, Optional.of(name))));
                yield alarm(id, request, f, Optional.of(staged.ref()), media, now);
            }
            case PICTURE_UPLOADED -> new DeviceEvent.AlarmMediaReady(id, request.device(), now, staged.ref(),
                    templated(staged, MediaKind.PICTURE, f.picture()), request.raw());
            case VIDEO_UPLOADED -> new DeviceEvent.AlarmMediaReady(id, request.device(), now, staged.ref(),
                    templated(staged, MediaKind.VIDEO, f.video()), request.raw());
        };
    }

    /** The offline event of a device whose connection ended without a 2205. */
    DeviceEvent.Offline lost(String dguid, Instant now, String reason) {
        DeviceId device = new DeviceId(JovisionMessage.VENDOR, dguid);
        return new DeviceEvent.Offline(events.nextId(), device, now, reason, NO_MESSAGE);
    }

    private static DeviceEvent.Alarm alarm(String id, Request request, AlarmFields f, Optional<String> ref,
                                           List<MediaRef> media, Instant now) {
        Instant time = f.ats().map(Instant::ofEpochSecond).orElse(now);
        String vendorType = f.atype().orElse("");
        return new DeviceEvent.Alarm(id, request.device(), time, f.channel(), JovisionAlarmTypes.of(vendorType),
                vendorType, ref, f.aguid(), media, f.deviceName(), request.raw());
    }

    private MediaRef templated(StagedAlarm staged, MediaKind kind, Optional<String> name) {
        String url = urls.url(staged.dguid(), staged.ats(), staged.fields().channel(), kind, name);
        return new MediaRef(kind, name.orElse(""), Optional.empty(), url);
    }
}
