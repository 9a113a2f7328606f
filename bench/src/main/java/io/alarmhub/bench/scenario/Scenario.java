package io.alarmhub.bench.scenario;

/**
 * One traffic shape, run identically against every system.
 *
 * @param name       how the report names it ({@code one-to-one}, {@code fan-out})
 * @param fanOut     false: each publish goes to one receiver, round-robin over {@code receivers};
 *                   true: each publish goes to a topic that all {@code receivers} subscribe to
 * @param receivers  receiving connections
 * @param publishes  messages the publisher sends
 * @param payloadBytes size of each message body, in bytes of its JSON text
 * @param window     publishes in flight before the publisher waits
 */
public record Scenario(String name, boolean fanOut, int receivers, int publishes, int payloadBytes, int window) {

    public Scenario {
        if (receivers < 1 || publishes < 1 || window < 1) {
            throw new IllegalArgumentException("receivers, publishes and window must be positive");
        }
        if (payloadBytes < Payload.MIN_BYTES) {
            throw new IllegalArgumentException("the payload needs at least " + Payload.MIN_BYTES + " bytes");
        }
    }

    /** Durable one-to-one push: {@code messages} spread over {@code receivers} aliases. */
    public static Scenario oneToOne(int receivers, int messages, int payloadBytes, int window) {
        return new Scenario("one-to-one", false, receivers, messages, payloadBytes, window);
    }

    /** Fan-out: each of {@code publishes} reaches every one of {@code subscribers}. */
    public static Scenario fanOut(int subscribers, int publishes, int payloadBytes, int window) {
        return new Scenario("fan-out", true, subscribers, publishes, payloadBytes, window);
    }

    /** Messages the receivers together must read for the run to be complete. */
    public long expectedDeliveries() {
        return fanOut ? (long) publishes * receivers : publishes;
    }

    /** Which receiver a one-to-one publish goes to. */
    public int receiverOf(int publish) {
        return publish % receivers;
    }

    /** Receptions that complete one publish. */
    public int deliveriesPerPublish() {
        return fanOut ? receivers : 1;
    }
}
