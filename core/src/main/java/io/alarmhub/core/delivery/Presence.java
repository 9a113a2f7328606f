package io.alarmhub.core.delivery;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is connected to this node: open connections per face (identified or not) and the aliases
 * attached on each face. The numbers behind {@code /info} and PushServer type 7.
 */
public final class Presence {

    private final Map<Face, AtomicInteger> connections = new EnumMap<>(Face.class);
    private final Map<String, Set<Receiver>> receivers = new ConcurrentHashMap<>();

    public Presence() {
        for (Face face : Face.values()) {
            connections.put(face, new AtomicInteger());
        }
    }

    public void opened(Face face) {
        connections.get(face).incrementAndGet();
    }

    public void closed(Face face) {
        connections.get(face).decrementAndGet();
    }

    /** Open connections on a face, including those that have not named an alias yet. */
    public int connections(Face face) {
        return connections.get(face).get();
    }

    /** Aliases with at least one attached connection, on any face. */
    public int onlineAliases() {
        return receivers.size();
    }

    public boolean online(String alias) {
        return receivers.containsKey(alias);
    }

    /** The aliases attached on a face, sorted, so that pages are stable between requests. */
    public List<String> aliases(Face face) {
        Set<String> aliases = new TreeSet<>();
        receivers.forEach((alias, set) -> {
            for (Receiver r : set) {
                if (r.face() == face) {
                    aliases.add(alias);
                    break;
                }
            }
        });
        return List.copyOf(aliases);
    }

    Collection<Receiver> receiversOf(String alias) {
        Set<Receiver> set = receivers.get(alias);
        return set == null ? List.of() : set;
    }

    void attach(Receiver receiver) {
        receivers.compute(receiver.alias(), (alias, set) -> {
            Set<Receiver> next = set == null ? ConcurrentHashMap.newKeySet() : set;
            next.add(receiver);
            return next;
        });
    }

    void detach(Receiver receiver) {
        receivers.computeIfPresent(receiver.alias(), (alias, set) -> {
            set.remove(receiver);
            return set.isEmpty() ? null : set;
        });
    }

    Set<Receiver> snapshot(String alias) {
        return new HashSet<>(receiversOf(alias));
    }
}
