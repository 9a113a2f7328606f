package io.alarmhub.bench.scenario;

/**
 * One traffic shape, run identically against every system.
 *
 * @param name       how the report names it ({@code one-to-one}, {@code saturate}, {@code fan-out})
 * @param fanOut     false: each publish goes to one receiver, round-robin over {@code receivers};
 *                   true: each publish goes to a topic that all {@code receivers} subscribe to
 * @param receivers  receiving connections
 * @param publishes  messages the publishers send, all together
 * @param payloadBytes size of each message body, in bytes of its JSON text
 * @param window     publishes in flight on each publisher before it waits
 * @param publishers publishing connections (each its own client, with its own window); publish {@code seq}
 *                   goes out on publisher {@code seq % publishers}
 */
public record Scenario(String name, boolean fanOut, int receivers, int publishes, int payloadBytes, int window,
                       int publishers) {

    public Scenario {
        if (receivers < 1 || publishes < 1 || window < 1 || publishers < 1) {
            throw new IllegalArgumentException("receivers, publishes, window and publishers must be positive");
        }
        if (payloadBytes < Payload.MIN_BYTES) {
            throw new IllegalArgumentException("the payload needs at least " + Payload.MIN_BYTES + " bytes");
        }
    }

    /** One publisher. */
    public Scenario(String name, boolean fanOut, int receivers, int publishes, int payloadBytes, int window) {
        this(name, fanOut, receivers, publishes, payloadBytes, window, 1);
    }

    /** Durable one-to-one push: {@code messages} spread over {@code receivers} aliases, one publisher. */
    public static Scenario oneToOne(int receivers, int messages, int payloadBytes, int window) {
        return oneToOne("one-to-one", receivers, messages, payloadBytes, window, 1);
    }

    /**
     * One-to-one under the name {@code name} ({@code one-to-one}, or {@code saturate} for the run with
     * enough publishers that each system is measured at its own maximum).
     */
    public static Scenario oneToOne(String name, int receivers, int messages, int payloadBytes, int window,
                                    int publishers) {
        return new Scenario(name, false, receivers, messages, payloadBytes, window, publishers);
    }

    /** Fan-out: each of {@code publishes} reaches every one of {@code subscribers}. */
    public static Scenario fanOut(int subscribers, int publishes, int payloadBytes, int window) {
        return new Scenario("fan-out", true, subscribers, publishes, payloadBytes, window);
    }

    /** The same shape, smaller: the unreported warm-up run before it. */
    public Scenario warmup(int warmupPublishes) {
        return new Scenario(name, fanOut, Math.min(receivers, 50), warmupPublishes, payloadBytes, window, publishers);
    }

    /** Messages the receivers together must read for the run to be complete. */
    public long expectedDeliveries() {
        return fanOut ? (long) publishes * receivers : publishes;
    }

    /** Which receiver a one-to-one publish goes to. */
    public int receiverOf(int publish) {
        return publish % receivers;
    }

    /** Which publisher sends publish {@code seq}. */
    public int publisherOf(int publish) {
        return publish % publishers;
    }

    /** Receptions that complete one publish. */
    public int deliveriesPerPublish() {
        return fanOut ? receivers : 1;
    }
}
