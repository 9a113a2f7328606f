package io.alarmhub.gateway.push.socketio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a test client received, taken one event at a time by name: events of other names stay for later,
 * so that a test states what it expects without depending on how two events interleave.
 */
final class Inbox {

    private static final long WAIT_SECONDS = 15;

    /** One event (or ack callback, named {@code ack:<tag>}) and its arguments. */
    record Received(String name, List<JsonNode> args) {

        /** The first argument. */
        JsonNode arg() {
            if (args.isEmpty()) {
                throw new AssertionError(name + " came without arguments");
            }
            return args.get(0);
        }
    }

    private final BlockingQueue<Received> arriving = new LinkedBlockingQueue<>();
    private final List<Received> held = new ArrayList<>();
    private final String owner;

    Inbox(String owner) {
        this.owner = owner;
    }

    void add(Received received) {
        arriving.add(received);
    }

    /** Whether an event of that name arrived and was not taken, among what has arrived so far (no waiting). */
    synchronized boolean holds(String name) {
        arriving.drainTo(held);
        return held.stream().anyMatch(r -> r.name().equals(name));
    }

    /** The oldest event of that name not taken yet, waiting for it if need be. */
    synchronized Received take(String name) {
        for (int i = 0; i < held.size(); i++) {
            if (held.get(i).name().equals(name)) {
                return held.remove(i);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        try {
            while (true) {
                Received next = arriving.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError(owner + " received no " + name + " within " + WAIT_SECONDS
                            + " s; it received " + held);
                }
                if (next.name().equals(name)) {
                    return next;
                }
                held.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + name, e);
        }
    }
}
