package io.alarmhub.core.store;

/**
 * Durable storage for messages, pending entries, acks and topic registrations.
 *
 * <p>Contract: operations are applied in the order they are submitted; each operation's
 * {@linkplain StoreOp#result() result} is completed on one commit thread, in that same order, and only
 * after the operation is durable. An operation the store cannot accept (its queue is full, it is closed)
 * fails with {@link StoreException} without being applied.
 */
public interface PushStore extends AutoCloseable {

    void submit(StoreOp op);

    /**
     * Submits, and when the store cannot take the operation, fails its result (and those of an atomic
     * operation's members) instead of throwing: for callers that already wait on those results.
     */
    default void submitOrFail(StoreOp op) {
        try {
            submit(op);
        } catch (StoreException e) {
            if (op instanceof StoreOp.Atomic atomic) {
                atomic.ops().forEach(member -> member.result().completeExceptionally(e));
            }
            op.result().completeExceptionally(e);
        }
    }

    /** Stops accepting operations, finishes those already accepted, and releases the database. */
    @Override
    void close();
}
