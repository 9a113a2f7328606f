package io.alarmhub.server.it;

/**
 * Whether the crash harness has a server running. Simulated clients wait for it before they reconnect,
 * as a real device retries until the server answers; waiting here rather than retrying in a tight loop
 * keeps them from taking one of the server's own ports as an ephemeral port while it is down.
 */
final class ServerUp {

    private boolean up;
    private boolean finished;

    synchronized void up() {
        up = true;
        notifyAll();
    }

    /** Said before the kill, so that no client starts a connection to a server about to die. */
    synchronized void down() {
        up = false;
    }

    /** The load is over: waiting clients give up. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** Waits until a server is up; false once the load is over. */
    synchronized boolean await() throws InterruptedException {
        while (!up && !finished) {
            wait();
        }
        return !finished;
    }

    synchronized boolean finished() {
        return finished;
    }
}
