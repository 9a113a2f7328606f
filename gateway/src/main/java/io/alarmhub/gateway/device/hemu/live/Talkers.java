package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who talks to which camera: one talker a camera at a time, since the camera has one speaker and mixes nothing.
 * Their number is bounded by the cameras connected to the node. Thread-safe.
 */
final class Talkers {

    private final Map<String, TalkSession> byCamera = new ConcurrentHashMap<>();

    /** Makes {@code talk} its camera's talker; throws its refusal (409) when the camera has one already. */
    void claim(TalkSession talk) {
        if (byCamera.putIfAbsent(talk.deviceId(), talk) != null) {
            throw new LiveRefusal(Reason.TALKING, "someone is talking to this camera, try again later");
        }
    }

    /** Lets the camera of {@code talk} be talked to again; a talk that is not its camera's changes nothing. */
    void release(TalkSession talk) {
        byCamera.remove(talk.deviceId(), talk);
    }

    /** The camera's talker now. */
    Optional<TalkSession> of(String deviceId) {
        return Optional.ofNullable(byCamera.get(deviceId));
    }

    /** Ends the talk to a camera whose connection ended; it is released as its connection closes. */
    void cameraGone(String deviceId) {
        of(deviceId).ifPresent(talk -> talk.end(Transport.Ending.CAMERA_GONE));
    }

    int count() {
        return byCamera.size();
    }
}
