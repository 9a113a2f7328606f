package io.alarmhub.gateway.device.hemu.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.core.device.DeviceId;
import io.alarmhub.core.store.DayReport;
import io.alarmhub.core.store.PeopleCount;
import io.alarmhub.core.store.PushStore;
import io.alarmhub.core.store.StoreOp;
import io.alarmhub.gateway.app.AppAnswer;
import io.alarmhub.gateway.app.AppApi;
import io.alarmhub.gateway.app.AppRequest;
import io.alarmhub.gateway.device.hemu.app.OwnerQueries;
import io.alarmhub.gateway.device.hemu.platform.CameraDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The RestServer's routes of what cameras report over time, for their owners' app back ends:
 * <pre>
 * GET /hemu/people/{deviceId}/{token}?alias=…[&amp;from=…&amp;to=…&amp;limit=…]     → counts and totals up/down
 * GET /hemu/statistics/{deviceId}/{token}?alias=…[&amp;from=…&amp;to=…&amp;limit=…] → daily statistics
 * </pre>
 * Only the camera's owner ({@code alias}) reads them; any other alias gets 404, as for a camera that does not
 * exist. People counts are those starting in {@code [from, to)} (RFC 3339 times, or UTC seconds as the
 * document writes them; the last day by default), at most {@code limit} (1,000) a page, with the totals of the
 * whole range and, when the range has more, {@code next}: the {@code from} that reads on. Statistics are those
 * of the UTC days {@code from} to {@code to} ({@code yyyy-mm-dd}, both included; the last 30 days by default),
 * at most {@code limit} (366) a page, with {@code next} likewise.
 */
public final class ReportRoutes implements AppApi {

    /** The most people counts a page holds: 6 days of the default 10-minute periods. */
    public static final int MAX_COUNTS = 1000;
    /** The most days of statistics a page holds. */
    public static final int MAX_DAYS = 366;
    static final Duration DEFAULT_PEOPLE_RANGE = Duration.ofDays(1);
    static final int DEFAULT_DAYS = 30;

    private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final CameraDirectory directory;
    private final PushStore store;
    private final Clock clock;

    public ReportRoutes(CameraDirectory directory, PushStore store, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.clock = clock;
    }

    /** The first path segments this answers, each a route of its own on the RestServer. */
    public static List<String> names() {
        return List.of("people", "statistics");
    }

    @Override
    public CompletableFuture<AppAnswer> answer(AppRequest request) {
        List<String> path = request.path();
        String route = "hemu_" + path.get(0);
        try {
            if (path.size() != 2 || !request.method().equals("GET")) {
                return done(AppAnswer.refused(404, route, "not_found", "not found"));
            }
            DeviceId device = OwnerQueries.owned(directory, CameraReports.VENDOR, request.query(), path.get(1));
            return (path.get(0).equals("people") ? people(route, device, request.query())
                    : statistics(route, device, request.query())).exceptionally(failure -> OwnerQueries.failure(route, failure));
        } catch (RuntimeException e) {
            return done(OwnerQueries.failure(route, e));
        }
    }

    private CompletableFuture<AppAnswer> people(String route, DeviceId device, Map<String, String> query) {
        Optional<Instant> from = OwnerQueries.instant(query, "from");
        Optional<Instant> to = OwnerQueries.instant(query, "to");
        Instant end = to.orElseGet(clock::instant);
        Instant start = from.orElseGet(() -> end.minus(DEFAULT_PEOPLE_RANGE));
        if (!start.isBefore(end)) {
            throw new OwnerQueries.Refusal("from: must be before to");
        }
        int limit = OwnerQueries.limit(query, MAX_COUNTS);
        CompletableFuture<StoreOp.PeopleCountPage> page = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.LoadPeopleCounts(device, start, end, limit, page));
        return page.thenApply(p -> {
            ObjectNode json = head(device, query).put("from", start.toString()).put("to", end.toString());
            ArrayNode counts = json.putArray("counts");
            for (PeopleCount c : p.counts()) {
                ObjectNode count = counts.addObject().put("start", c.start().toString()).put("stop", c.stop().toString())
                        .put("up", c.up()).put("down", c.down());
                if (c.delayed()) {
                    count.put("delayed", true);
                }
            }
            json.putObject("total").put("up", p.up()).put("down", p.down()).put("counts", p.total());
            p.next().ifPresent(n -> json.put("next", n.toString()));
            return AppAnswer.ok(route, json);
        });
    }

    private CompletableFuture<AppAnswer> statistics(String route, DeviceId device, Map<String, String> query) {
        Optional<LocalDate> from = day(query, "from");
        Optional<LocalDate> to = day(query, "to");
        LocalDate last = to.orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate first = from.orElseGet(() -> last.minusDays(DEFAULT_DAYS - 1));
        if (first.isAfter(last)) {
            throw new OwnerQueries.Refusal("from: must not be after to");
        }
        int limit = OwnerQueries.limit(query, MAX_DAYS);
        CompletableFuture<StoreOp.DayReportPage> page = new CompletableFuture<>();
        store.submitOrFail(new StoreOp.LoadDayReports(device, first, last, limit, page));
        return page.thenApply(p -> {
            ObjectNode json = head(device, query).put("from", first.toString()).put("to", last.toString());
            ArrayNode days = json.putArray("days");
            for (DayReport report : p.reports()) {
                days.addObject().put("day", report.day().toString()).put("received", report.received().toString())
                        .set("statistics", DailyStatistics.stored(report.body()).json());
            }
            p.next().ifPresent(n -> json.put("next", n.toString()));
            return AppAnswer.ok(route, json);
        });
    }

    private static ObjectNode head(DeviceId device, Map<String, String> query) {
        return JsonNodeFactory.instance.objectNode().put("deviceId", device.id()).put("alias", query.get("alias"));
    }

    /** A UTC day, {@code yyyy-mm-dd}; in the years 2000 to 9999. */
    private static Optional<LocalDate> day(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            if (DAY.matcher(value).matches() && value.compareTo("2000") >= 0) {
                return Optional.of(LocalDate.parse(value));
            }
        } catch (DateTimeParseException e) {
            // refused below, as any other text
        }
        throw new OwnerQueries.Refusal(name + ": a day, yyyy-mm-dd, from 2000 on");
    }

    private static CompletableFuture<AppAnswer> done(AppAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
