package io.alarmhub.server.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** What a crash run came to: the counts the issue asks for, and the alarms behind the ones that must be 0. */
final class CrashReport {

    final int sent;
    final int acknowledged;
    /** Acknowledged alarms by vendor, so that a vendor whose simulator got nowhere shows. */
    final Map<String, Long> acknowledgedByVendor;
    final int refused;
    final int unanswered;
    /** Answered "ok" and never delivered to the owner. */
    final Set<String> lost = new TreeSet<>();
    /** Answered "ok" and not in the store. */
    final Set<String> notStored = new TreeSet<>();
    /** Delivered more than once (at-least-once allows it; it is counted, not refused). */
    final int duplicated;
    /** Unanswered because of a kill, yet stored: the device would send them again, harmlessly. */
    final int unansweredButStored;
    final int kills;
    final long seed;
    final List<Integer> acknowledgedPerRun;

    CrashReport(AlarmTally tally, Map<String, AtomicInteger> delivered, Set<String> stored, int kills, long seed,
                List<Integer> acknowledgedPerRun) {
        sent = tally.sent.size();
        acknowledged = tally.acknowledged.size();
        acknowledgedByVendor = tally.acknowledged.stream()
                .collect(Collectors.groupingBy(key -> key.substring(0, key.indexOf('/')), TreeMap::new, Collectors.counting()));
        refused = tally.refused.size();
        unanswered = tally.unanswered.size();
        for (String alarm : tally.acknowledged) {
            if (!delivered.containsKey(alarm)) {
                lost.add(alarm);
            }
            if (!stored.contains(alarm)) {
                notStored.add(alarm);
            }
        }
        duplicated = (int) delivered.values().stream().filter(times -> times.get() > 1).count();
        unansweredButStored = (int) tally.unanswered.stream().filter(stored::contains).count();
        this.kills = kills;
        this.seed = seed;
        this.acknowledgedPerRun = acknowledgedPerRun;
    }

    String line() {
        return "crash suite: sent " + sent + ", acknowledged " + acknowledged + " " + acknowledgedByVendor + ", refused " + refused
                + ", unanswered " + unanswered + " (" + unansweredButStored + " of them stored), lost " + lost.size()
                + ", not stored " + notStored.size() + ", duplicated " + duplicated + ", kills " + kills
                + ", seed " + seed;
    }

    void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# Crash suite\n\n"
                + "| sent | acknowledged | refused | unanswered | of them stored | lost | not stored | duplicated | kills | seed |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n"
                + "| " + sent + " | " + acknowledged + " | " + refused + " | " + unanswered + " | " + unansweredButStored
                + " | " + lost.size() + " | " + notStored.size() + " | " + duplicated + " | " + kills + " | " + seed + " |\n\n"
                + "Acknowledged by vendor: " + acknowledgedByVendor + ".\n"
                + "Alarms acknowledged by each server run, between kills: " + acknowledgedPerRun + "\n");
    }
}
