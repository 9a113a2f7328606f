package io.alarmhub.gateway.device.hemu.command;

import io.alarmhub.gateway.device.hemu.platform.Camera;

import java.util.function.Predicate;

/**
 * What a camera must have reported of itself before a command that needs it is sent: its fixed {@code FEATURE}
 * bits (registration's {@code comment}) or its {@code supportKey} flags ({@code MSG_P_THD_SET_CAMERA_CAPACITY_REQ}).
 * A camera that never reported a flag lacks it: the command would reach firmware that does not know it.
 */
public enum Capability {

    /** {@code FEATURE} 0x10: pan and tilt (5, 82, 81). */
    PTZ("FEATURE bit 0x10 (PTZ)", camera -> (camera.features() & 0x10) != 0),
    /** {@code FEATURE} 0x1: Wi-Fi (16, 17). */
    WIFI("FEATURE bit 0x1 (Wi-Fi)", camera -> (camera.features() & 0x1) != 0),
    /** Not {@code FEATURE} 0x200, which says the camera has no microphone (37). */
    MICROPHONE("a microphone (its FEATURE has bit 0x200, no microphone)", camera -> (camera.features() & 0x200) == 0),
    /** {@code supportKey} {@code personStatistic} (92, 93, 94). */
    PEOPLE_COUNTING("supportKey personStatistic", flag("personStatistic")),
    /** {@code supportKey} {@code motionTrack} (109, 116). */
    MOTION_TRACKING("supportKey motionTrack", flag("motionTrack")),
    /** {@code supportKey} {@code ptzPano} (153). */
    PANORAMA("supportKey ptzPano", flag("ptzPano")),
    /** {@code supportKey} {@code sdcard} (85, 87). */
    SD_CARD("supportKey sdcard", flag("sdcard")),
    /** {@code supportKey} {@code motionRegion} (56). */
    MOTION_REGIONS("supportKey motionRegion", flag("motionRegion"));

    private final String what;
    private final Predicate<Camera> has;

    Capability(String what, Predicate<Camera> has) {
        this.what = what;
        this.has = has;
    }

    public boolean of(Camera camera) {
        return has.test(camera);
    }

    /** What the camera did not report, for the refusal's message. */
    public String what() {
        return what;
    }

    private static Predicate<Camera> flag(String name) {
        return camera -> camera.supportKey().getOrDefault(name, 0) == 1;
    }
}
