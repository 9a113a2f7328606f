package io.alarmhub.gateway.push.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The door units ({@code t:10}) and phones ({@code t:9}) registered per room, on any face. A door open
 * ({@code t:8}) goes to the room's door units, and to its other phones so that a household sees who
 * opened the door. Registrations last as long as their connection: a door unit registers again when it
 * reconnects.
 */
public final class DoorUnits {

    private final Map<String, Set<PushSession>> doors = new ConcurrentHashMap<>();
    private final Map<String, Set<PushSession>> phones = new ConcurrentHashMap<>();

    void registerDoor(String room, PushSession session) {
        doors.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void registerPhone(String room, PushSession session) {
        phones.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** Sends a door open to the room; returns how many door units it reached. */
    int open(String room, String user, PushSession from) {
        ObjectNode command = PushJson.object().put("t", 8).put("r", room).put("u", user);
        int reached = 0;
        for (PushSession door : doors.getOrDefault(room, Set.of())) {
            door.push(command);
            reached++;
        }
        for (PushSession phone : phones.getOrDefault(room, Set.of())) {
            if (phone != from) {
                phone.push(command);
            }
        }
        return reached;
    }

    void forget(PushSession session) {
        doors.values().forEach(set -> set.remove(session));
        phones.values().forEach(set -> set.remove(session));
        doors.values().removeIf(Set::isEmpty);
        phones.values().removeIf(Set::isEmpty);
    }

    public int doorUnits(String room) {
        return doors.getOrDefault(room, Set.of()).size();
    }
}
