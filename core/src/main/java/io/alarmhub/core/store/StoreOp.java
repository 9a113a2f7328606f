package io.alarmhub.core.store;

import io.alarmhub.core.device.Device;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.event.DeviceEvent;
import io.alarmhub.core.message.Message;
import io.alarmhub.core.message.Target;
import io.alarmhub.core.stream.StreamEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One operation on the store. The caller creates the result future and attaches its continuations
 * before submitting, so that they run on the store's commit thread in commit order: this is what
 * keeps delivery in publish order and lets a receiver attach without missing or reordering messages.
 * Nothing may block on a result future itself ({@code join}, {@code get}): a waiting thread helps run
 * its continuations, off the commit thread. Wait on the future a continuation returns instead.
 */
public sealed interface StoreOp {

    /** The future the store completes once the operation is durable (or fails with {@link StoreException}). */
    CompletableFuture<?> result();

    /**
     * Stores a message with a pending entry for each receiver the target resolves to. An
     * {@linkplain Message#onlineOnly() online-only} message is not written; its receivers are still resolved.
     * Completes with the receivers, each alias once, in target order.
     */
    record Append(Message message, Target target, CompletableFuture<List<String>> result) implements StoreOp {
    }

    /**
     * The messages still pending for an alias and not expired at {@code now}, oldest first, at most
     * {@code limit}, starting after the position {@code after} (0: from the first). The page says the
     * position of its last entry, to read on from.
     */
    record Pending(String alias, Instant now, long after, int limit, CompletableFuture<PendingPage> result)
            implements StoreOp {
    }

    /** A page of pending messages; {@code last} is the position of its last entry ({@code after} when empty). */
    record PendingPage(List<Message> messages, long last) {
        public PendingPage {
            messages = List.copyOf(messages);
        }
    }

    /** Clears an alias's pending entry for a message; completes with whether there was one. */
    record Ack(String alias, String messageId, CompletableFuture<Boolean> result) implements StoreOp {
    }

    /** Registers an alias on topics, keeping its earlier registrations. */
    record Subscribe(String alias, List<String> topics, CompletableFuture<Void> result) implements StoreOp {
        public Subscribe {
            topics = List.copyOf(topics);
        }
    }

    /** The topics an alias is registered on, in the order it registered them. */
    record Topics(String alias, CompletableFuture<List<String>> result) implements StoreOp {
    }

    /** Records that an alias was seen now (on connect), so that the store knows every alias it has served. */
    record Seen(String alias, Instant at, CompletableFuture<Void> result) implements StoreOp {
    }

    /**
     * Applies several operations in one transaction: all of them or none. Each member's own result
     * completes as usual; this one completes after them. A device event and the pushes made of it are
     * stored this way, so that a device told "ok" never has an event without its deliveries.
     */
    record Atomic(List<StoreOp> ops, CompletableFuture<Void> result) implements StoreOp {
        public Atomic {
            ops = List.copyOf(ops);
            if (ops.stream().anyMatch(op -> op instanceof Atomic)) {
                throw new IllegalArgumentException("atomic operations do not nest");
            }
        }
    }

    /**
     * Stores a device event, and inserts or updates its device: registered if new, name and owners
     * as given, online state, last seen, first and last alarm as the event implies.
     *
     * @param json the event as pushed to watchers (normalized fields, media URLs, raw message)
     */
    record RecordEvent(DeviceEvent event, String json, Device device, CompletableFuture<Void> result)
            implements StoreOp {
    }

    /** Every device the store knows, for the registry at start. */
    record LoadDevices(CompletableFuture<List<Device>> result) implements StoreOp {
    }

    /** Appends events to an enterprise's stream; completes with them as stored, delivery ids assigned. */
    record StreamAppend(String enterprise, List<StreamEvent.Draft> drafts,
                        CompletableFuture<List<StreamEvent>> result) implements StoreOp {
        public StreamAppend {
            drafts = List.copyOf(drafts);
        }
    }

    /**
     * An enterprise's unacknowledged, unexpired events, in the order they are to be sent (by availability,
     * then delivery id), at most {@code limit}; including those not yet available.
     */
    record StreamPending(String enterprise, Instant now, int limit, CompletableFuture<List<StreamEvent>> result)
            implements StoreOp {
    }

    /** Acknowledges one stream event; completes with whether it was still there. */
    record StreamAck(String enterprise, long deliveryId, CompletableFuture<Boolean> result) implements StoreOp {
    }

    /** Writes a vendor's record, replacing the one of the same vendor, kind and key. */
    record PutRecord(VendorRecord record, CompletableFuture<Void> result) implements StoreOp {
    }

    /** Deletes a vendor's record; completes with whether there was one. */
    record DeleteRecord(String vendor, String kind, String key, CompletableFuture<Boolean> result)
            implements StoreOp {
    }

    /** Every record of a vendor's kind, by key, for the adapter's state at start. */
    record LoadRecords(String vendor, String kind, CompletableFuture<List<VendorRecord>> result)
            implements StoreOp {
    }

    /**
     * Writes a device's people count, replacing the one of the same device and start (a count sent again);
     * stored with the status event it came in, in one {@link Atomic}.
     */
    record PutPeopleCount(PeopleCount count, CompletableFuture<Void> result) implements StoreOp {
    }

    /**
     * A device's people counts that start in {@code [from, to)}, oldest first, at most {@code limit}, with the
     * totals of the whole range (not only of the page).
     */
    record LoadPeopleCounts(DeviceId device, Instant from, Instant to, int limit,
                            CompletableFuture<PeopleCountPage> result) implements StoreOp {
        public LoadPeopleCounts {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
        }
    }

    /**
     * A page of people counts and the totals of its range.
     *
     * @param counts the page, oldest first
     * @param up     the sum of {@code up} over the whole range
     * @param down   the sum of {@code down} over the whole range
     * @param total  how many counts the whole range has
     * @param next   the start of the first count of the range after the page, when there is one: the {@code from}
     *               that reads on
     */
    record PeopleCountPage(List<PeopleCount> counts, long up, long down, long total, Optional<Instant> next) {
        public PeopleCountPage {
            counts = List.copyOf(counts);
        }
    }

    /**
     * Writes a device's report of a day, replacing the one of the same device and day; completes with whether
     * the day was new (false: it replaced one).
     */
    record PutDayReport(DayReport report, CompletableFuture<Boolean> result) implements StoreOp {
    }

    /** A device's reports of the days {@code from} to {@code to} (both included), oldest first, at most {@code limit}. */
    record LoadDayReports(DeviceId device, LocalDate from, LocalDate to, int limit,
                          CompletableFuture<DayReportPage> result) implements StoreOp {
        public LoadDayReports {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
        }
    }

    /** A page of day reports; {@code next} is the day of the first one after the page, when there is one. */
    record DayReportPage(List<DayReport> reports, Optional<LocalDate> next) {
        public DayReportPage {
            reports = List.copyOf(reports);
        }
    }

    /**
     * Deletes everything a device reported (people counts, day reports): it changed hands, and what it
     * reported was its former owner's. Completes with how many rows went.
     */
    record DeleteReports(DeviceId device, CompletableFuture<Integer> result) implements StoreOp {
    }

    /**
     * Deletes the people counts that started before {@code before}, and the day reports of the UTC days before
     * {@code before}'s: they are kept for a retention period only. Completes with how many rows went.
     */
    record PurgeReports(Instant before, CompletableFuture<Integer> result) implements StoreOp {
    }

    /**
     * Deletes the device events whose time is before {@code before}: the history is kept for a retention
     * period only. Devices themselves stay. Completes with how many events went.
     */
    record PurgeDeviceEvents(Instant before, CompletableFuture<Integer> result) implements StoreOp {
    }

    /**
     * Deletes messages and pending entries that expired before {@code now}, and stream events past their
     * enterprise's retention; completes with how many messages went.
     */
    record Purge(Instant now, CompletableFuture<Integer> result) implements StoreOp {
    }

    /**
     * Writes a recording's index entry, replacing the one of the same id: a recording is put when its file
     * opens and again, complete, when it closes. Completes when it is durable.
     */
    record PutRecording(Recording recording, CompletableFuture<Void> result) implements StoreOp {
    }

    /**
     * A device's recordings that overlap {@code [from, to)} (they started before {@code to} and their last frame
     * is not before {@code from}), of one kind or all, oldest first (by start, then id), at most {@code limit}.
     * Given the cursor of an earlier page of the same range, the page reads on from there: a recording that
     * started before a page's end and runs on is not read twice.
     */
    record LoadRecordings(DeviceId device, Instant from, Instant to, Optional<RecordingKind> kind,
                          Optional<RecordingCursor> after, int limit, CompletableFuture<RecordingPage> result)
            implements StoreOp {
        public LoadRecordings {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
        }

        /** The first page of the range. */
        public LoadRecordings(DeviceId device, Instant from, Instant to, Optional<RecordingKind> kind, int limit,
                              CompletableFuture<RecordingPage> result) {
            this(device, from, to, kind, Optional.empty(), limit, result);
        }
    }

    /** The first recording after a page, by start then id: where the next page of its range begins. */
    record RecordingCursor(Instant start, String id) {
        public RecordingCursor {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A page of recordings, oldest first; {@code cursor} names the first recording after the page, when there is
     * one: the {@link LoadRecordings#after()} that reads on.
     */
    record RecordingPage(List<Recording> recordings, Optional<RecordingCursor> cursor) {
        public RecordingPage {
            recordings = List.copyOf(recordings);
        }

        /** The start of the first recording after the page, when there is one. */
        public Optional<Instant> next() {
            return cursor.map(RecordingCursor::start);
        }
    }

    /** A recording's index entry by its id, when there is one. */
    record LoadRecording(String id, CompletableFuture<Optional<Recording>> result) implements StoreOp {
    }

    /**
     * The recordings of an alarm (their {@link Recording#alarmRef()}), oldest first, at most {@link #MAX}: an alarm
     * has a clip or two, and this bounds what a bad ref can read.
     */
    record LoadRecordingsOfAlarm(String alarmRef, CompletableFuture<List<Recording>> result) implements StoreOp {
        public static final int MAX = 100;
    }

    /**
     * The complete recordings of every device that ended longest ago, at most {@code limit}: what goes first
     * when the media disk passes its high-watermark.
     */
    record OldestRecordings(int limit, CompletableFuture<List<Recording>> result) implements StoreOp {
        public OldestRecordings {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
        }
    }

    /**
     * A device's complete recordings whose last frame is before {@code before}, those that ended longest ago
     * first, at most {@code limit}: what its plan's service days no longer keep.
     */
    record ExpiredRecordings(DeviceId device, Instant before, int limit, CompletableFuture<List<Recording>> result)
            implements StoreOp {
        public ExpiredRecordings {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
        }
    }

    /**
     * Deletes recordings' index entries (their files are the caller's to delete); completes with how many there
     * were. At most {@link #MAX_IDS} at once.
     */
    record DeleteRecordings(List<String> ids, CompletableFuture<Integer> result) implements StoreOp {
        public static final int MAX_IDS = 1_000;

        public DeleteRecordings {
            ids = List.copyOf(ids);
            if (ids.size() > MAX_IDS) {
                throw new IllegalArgumentException("at most " + MAX_IDS + " recordings at once, were " + ids.size());
            }
        }
    }

    /**
     * The recordings left incomplete when the server stopped while writing them, oldest first: the recorder
     * finishes them at start.
     */
    record IncompleteRecordings(CompletableFuture<List<Recording>> result) implements StoreOp {
    }

    /**
     * Deletes every recording of a device, complete or not (it changed hands, and they were its former owner's);
     * completes with the entries deleted, oldest first, so that the caller deletes their files.
     */
    record DeleteDeviceRecordings(DeviceId device, CompletableFuture<List<Recording>> result) implements StoreOp {
    }
}
