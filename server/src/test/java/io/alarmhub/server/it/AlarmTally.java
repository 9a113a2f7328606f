package io.alarmhub.server.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulated devices know about the alarms they sent, each named by a key that the
 * subscriber and the store can rebuild from the event's {@code raw}: {@code vendor/device/id}.
 * Every sent alarm ends in exactly one of acknowledged, refused or unanswered.
 */
final class AlarmTally {

    final Set<String> sent = ConcurrentHashMap.newKeySet();
    /** Answered "ok" (Jovision {@code rt:0}, VStarcam {@code "code":"200"}): the server promised to keep it. */
    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    /** Answered with a failure: the server promised nothing. */
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** The connection died before an answer came: it may or may not have been stored. */
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();

    static String key(String vendor, String device, String id) {
        return vendor + "/" + device + "/" + id;
    }
}
