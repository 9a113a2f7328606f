package io.alarmhub.video.record;

/**
 * Where recorded files are indexed: told on the recorder thread, so it may block briefly on its store, but the
 * index's writes should be asynchronous (a slow store must not stall recording).
 */
public interface RecordingCatalog {

    /** A file was opened: index it incomplete, so that a crash leaves it findable. */
    void opened(RecordingFile file);

    /** A file was closed, with its end and size; a clip is then ready for its alarms. */
    void closed(RecordingFile file);

    /** A file that held no frame and was deleted: forget it. */
    void discarded(RecordingFile file);
}
