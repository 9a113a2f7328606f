package io.alarmhub.server.config;

import static io.alarmhub.gateway.device.Sections.positive;

/**
 * Admission control under overload ({@code admission}): past these bounds new alarms and publishes are refused
 * with the protocol's failure answer, at once, rather than queued (docs/overload.md).
 *
 * <p>The default bound is the store's throughput times the wait admitted work may have: on a 2-core machine the
 * store commits about 4,000 to 8,000 device alarms a second (each with its pushes and their acks), so 800 in
 * flight wait 100 to 200 ms at most (Little's law: 800 ÷ 8,000/s = 100 ms, 800 ÷ 4,000/s = 200 ms). Fewer in
 * flight would shrink the store's group commits and with them its throughput; more would only lengthen the wait.
 *
 * @param maxInFlight  new alarms and publishes handed to the store and not yet committed and answered; past this,
 *                     more are refused ({@code reason="in_flight"})
 * @param heapFraction new alarms and publishes are refused while a garbage collection leaves more than this
 *                     fraction of the maximum heap in use ({@code reason="heap"}); 1 turns this off
 */
public record AdmissionSection(int maxInFlight, double heapFraction) {

    public static final AdmissionSection DEFAULT = new AdmissionSection(800, 0.8);

    public AdmissionSection {
        positive("max-in-flight", maxInFlight);
        if (!(heapFraction > 0 && heapFraction <= 1)) {
            throw new IllegalArgumentException("heap-fraction: " + heapFraction + " is not within 0 (excluded) and 1");
        }
    }
}
