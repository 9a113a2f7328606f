package io.alarmhub.bench;

import io.alarmhub.bench.peer.AlarmhubServer;
import io.alarmhub.bench.report.Machine;
import io.alarmhub.bench.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * device-alarm as the command line asks for it: one run at {@code --rate}, or a run per rate of
 * {@code --sweep}. Each rate gets a fresh server (a new process on an empty data directory) and its own
 * unreported warm-up, so that a rate the server could not keep up with leaves no backlog, grown store or
 * full heap to the next, and every row of a sweep is what a single run at that rate gives.
 */
final class DeviceAlarmSweep {

    private DeviceAlarmSweep() {
    }

    /** Runs every rate in turn, telling {@code progress} each result as it comes. */
    static List<DeviceAlarmRun.Result> run(BenchOptions o, Consumer<String> progress) throws Exception {
        List<DeviceAlarmRun.Result> results = new ArrayList<>();
        for (int rate : o.rates()) {
            int alarms = o.alarmsAt(rate);
            try (AlarmhubServer server = AlarmhubServer.start(o.serverJar(), o.serverJvmOptions(), "",
                    DeviceAlarmRun.config(o.devices(), o.vendor(), o.app().equals("stream")), DeviceAlarmRun.STREAM_CONFIG)) {
                int warmup = warmup(o, alarms);
                if (warmup > 0) {
                    // unreported: wakes the JIT on both sides first
                    DeviceAlarmRun.run(server, o.devices(), warmup, rate, o.timeout(), o.vendor(), o.scheme(), o.app(),
                            o.pictureBytes());
                }
                DeviceAlarmRun.Result r = DeviceAlarmRun.run(server, o.devices(), alarms, rate, o.timeout(), o.vendor(),
                        o.scheme(), o.app(), o.pictureBytes());
                progress.accept(Bench.summary("device-alarm " + rate + "/s", r.measurement())
                        + (r.refused() > 0 ? "  refused " + r.refused() : ""));
                results.add(r);
                if (o.recover().isPresent()) {
                    // the same server, straight after: what the first run left behind is part of the measure
                    int after = o.recover().getAsInt();
                    r = DeviceAlarmRun.run(server, o.devices(), o.alarmsAt(after), after, o.timeout(), o.vendor(),
                            o.scheme(), o.app(), o.pictureBytes());
                    progress.accept(Bench.summary("device-alarm " + after + "/s after " + rate + "/s", r.measurement())
                            + (r.refused() > 0 ? "  refused " + r.refused() : ""));
                    results.add(r);
                }
            }
        }
        return results;
    }

    /** Alarms of the warm-up before each run: {@code --warmup}, or up to 2,000 at the run's rate. */
    static int warmup(BenchOptions o, int alarms) {
        return o.warmup() >= 0 ? o.warmup() : Math.min(alarms, 2000);
    }

    /** The section: one run's table, or the sweep's with its chart of percentiles by rate. */
    static void addTo(Report report, BenchOptions o, List<DeviceAlarmRun.Result> results, Machine machine) {
        String shared = DeviceAlarmRun.sharedMachine(machine.loadAverage(), machine.cores());
        if (o.recover().isPresent()) {
            report.addText("device-alarm", DeviceAlarmReport.recoveryMarkdown(results, shared),
                    DeviceAlarmReport.byRate(results));
        } else if (o.sweep().isEmpty()) {
            report.addText("device-alarm", DeviceAlarmReport.markdown(results.get(0), shared),
                    List.of(results.get(0).measurement()));
        } else {
            report.addText("device-alarm", DeviceAlarmReport.sweepMarkdown(results,
                    warmup(o, o.alarmsAt(o.rates().get(0))), shared), DeviceAlarmReport.byRate(results),
                    DeviceAlarmReport.sweepFigures(results));
        }
    }
}
