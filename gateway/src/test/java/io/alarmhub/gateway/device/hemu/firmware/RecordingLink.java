package io.alarmhub.gateway.device.hemu.firmware;

import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.CameraLink;
import io.alarmhub.gateway.device.hemu.platform.ServerCommand;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The cameras' connections as a test sets them: a command to a connected camera is kept, to another refused. */
final class RecordingLink implements CameraLink {

    record Sent(String deviceId, AppCommand command) {
    }

    final Set<String> connected = ConcurrentHashMap.newKeySet();
    final List<Sent> sent = new CopyOnWriteArrayList<>();

    @Override
    public boolean connected(String deviceId) {
        return connected.contains(deviceId);
    }

    @Override
    public boolean send(String deviceId, AppCommand command) {
        if (!connected.contains(deviceId)) {
            return false;
        }
        sent.add(new Sent(deviceId, command));
        return true;
    }

    @Override
    public boolean send(String deviceId, ServerCommand command) {
        return false;
    }

    /** Runs the work at once when the camera is connected: whether it ran. */
    public CompletableFuture<Boolean> onLiveConnection(String deviceId, Runnable work) {
        boolean live = connected.contains(deviceId);
        if (live) {
            work.run();
        }
        return CompletableFuture.completedFuture(live);
    }
}
