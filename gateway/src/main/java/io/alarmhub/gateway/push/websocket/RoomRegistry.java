package io.alarmhub.gateway.push.websocket;

import io.alarmhub.gateway.push.protocol.RoomCounts;
import io.netty.channel.Channel;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The WebSocketServer's open rooms: capture rooms ({@code /{r}/{d}}) and intercoms
 * ({@code /{r}/{d}/{device}}), each with its {@code d=0} and {@code d=1} peers. A room exists while it has
 * a peer. Joining and leaving are atomic per room; relaying reads the other side without a lock, so a
 * frame sent while a peer joins may or may not reach it.
 */
public final class RoomRegistry implements RoomCounts {

    /** The two kinds of room, which share names independently: capture room "a" is not intercom "a". */
    public enum Kind {
        CAPTURE,
        INTERCOM
    }

    private final ConcurrentMap<String, Room> capture = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Room> intercom = new ConcurrentHashMap<>();

    public void join(Kind kind, String room, int d, Channel peer) {
        rooms(kind).compute(room, (name, existing) -> {
            Room r = existing == null ? new Room() : existing;
            r.side(d).add(peer);
            return r;
        });
    }

    public void leave(Kind kind, String room, int d, Channel peer) {
        rooms(kind).computeIfPresent(room, (name, r) -> {
            r.side(d).remove(peer);
            return r.isEmpty() ? null : r;
        });
    }

    /** The peers a frame from side {@code d} goes to: those on the other side. A live view, not a copy. */
    public Collection<Channel> opposite(Kind kind, String room, int d) {
        Room r = rooms(kind).get(room);
        return r == null ? List.of() : Collections.unmodifiableSet(r.side(1 - d));
    }

    /** Intercoms with at least one peer. */
    @Override
    public int oneToOne() {
        return intercom.size();
    }

    /** Capture rooms with at most one sending unit ({@code d=0}). */
    @Override
    public int oneToMany() {
        int n = 0;
        for (Room r : capture.values()) {
            if (r.senders.size() <= 1) {
                n++;
            }
        }
        return n;
    }

    /** Capture rooms with two or more sending units, such as a door unit and a wall unit. */
    @Override
    public int manyToMany() {
        int n = 0;
        for (Room r : capture.values()) {
            if (r.senders.size() >= 2) {
                n++;
            }
        }
        return n;
    }

    private ConcurrentMap<String, Room> rooms(Kind kind) {
        return kind == Kind.CAPTURE ? capture : intercom;
    }

    private static final class Room {
        final Set<Channel> senders = ConcurrentHashMap.newKeySet();
        final Set<Channel> receivers = ConcurrentHashMap.newKeySet();

        Set<Channel> side(int d) {
            return d == 0 ? senders : receivers;
        }

        boolean isEmpty() {
            return senders.isEmpty() && receivers.isEmpty();
        }
    }
}
