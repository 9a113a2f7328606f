package io.alarmhub.gateway.device.hemu.live;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cameras' speakers as a test lends them to talk: which cameras are connected, whether their connections take
 * packages now, and every package each one was sent.
 */
final class Speakers implements TalkLine {

    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final Map<String, List<TalkPacket>> heard = new ConcurrentHashMap<>();
    private volatile boolean writable = true;

    void connect(String deviceId) {
        connected.add(deviceId);
    }

    void disconnect(String deviceId) {
        connected.remove(deviceId);
    }

    /** Whether the cameras' connections take packages from now on; those they do not take are dropped. */
    void writable(boolean writable) {
        this.writable = writable;
    }

    /** What {@code deviceId} was sent, in order. */
    List<TalkPacket> heard(String deviceId) {
        return List.copyOf(heard.getOrDefault(deviceId, List.of()));
    }

    @Override
    public boolean connected(String deviceId) {
        return connected.contains(deviceId);
    }

    @Override
    public boolean send(String deviceId, TalkPacket packet) {
        if (!connected(deviceId) || !writable) {
            return false;
        }
        heard.computeIfAbsent(deviceId, d -> Collections.synchronizedList(new ArrayList<>())).add(packet);
        return true;
    }
}
