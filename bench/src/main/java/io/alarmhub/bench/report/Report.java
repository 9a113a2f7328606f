package io.alarmhub.bench.report;

import io.alarmhub.bench.scenario.Measurement;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.ServerStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Writes the Markdown report and its charts. alarmhub's figures are set against each peer's as
 * ratios, and the targets of {@code docs/design.md} (durable push at least twice Mosquitto QoS 1's
 * throughput, and one-to-one at least NATS JetStream's) are judged in words, plainly, whichever way they fall.
 */
public final class Report {

    /** The system the ratios are of. */
    public static final String SUBJECT = "alarmhub";
    private static final String TARGET_PEER = "mosquitto";
    /** docs/design.md: durable one-to-one push at least as fast as NATS JetStream. */
    private static final String DURABLE_PEER = "jetstream";
    /** docs/design.md: durable push at least twice Mosquitto QoS 1. */
    static final double TARGET_RATIO = 2.0;

    private final Machine machine;
    private final String command;
    private final String remark;
    private final List<Section> sections = new ArrayList<>();

    /** @param remark said under the header, e.g. that the machine was shared; empty for nothing */
    public Report(Machine machine, String command, String remark) {
        this.machine = machine;
        this.command = command;
        this.remark = remark;
    }

    private record Section(Scenario scenario, List<Measurement> runs) {
    }

    /** A section written by its scenario itself (alarmhub-only scenarios), with a chart of {@code runs} if any. */
    private record Text(String name, String markdown, List<Measurement> runs, List<Figure> figures) {
    }

    /** Draws a picture into the PNG file it is given. */
    @FunctionalInterface
    public interface PngWriter {
        void write(Path png) throws IOException;
    }

    /** A picture a section draws itself, written as {@code <report>-<suffix>.png} and shown under its caption. */
    public record Figure(String suffix, String caption, PngWriter draw) {
    }

    private final List<Text> texts = new ArrayList<>();

    /** Adds a section in Markdown as given; when {@code runs} is not empty, a chart named {@code name} of them. */
    public Report addText(String name, String markdown, List<Measurement> runs) {
        return addText(name, markdown, runs, List.of());
    }

    /** As above, followed by pictures of its own. */
    public Report addText(String name, String markdown, List<Measurement> runs, List<Figure> figures) {
        texts.add(new Text(name, markdown, List.copyOf(runs), List.copyOf(figures)));
        return this;
    }

    public Report add(Scenario scenario, List<Measurement> runs) {
        sections.add(new Section(scenario, List.copyOf(runs)));
        return this;
    }

    /** Writes {@code <name>.md} and {@code <name>-<scenario>.png} into {@code dir}; returns the Markdown file. */
    public Path write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        StringBuilder md = new StringBuilder();
        md.append("# alarmhub benchmark\n\n");
        md.append("- date: ").append(machine.date()).append('\n');
        md.append("- machine: ").append(machine.cores()).append(" cores, ").append(machine.memoryMb())
                .append(" MB memory, ").append(machine.os()).append('\n');
        md.append("- java: ").append(machine.java()).append('\n');
        if (!machine.loadAverage().isEmpty()) {
            md.append("- load average at the start (1, 5, 15 min): ").append(machine.loadAverage())
                    .append(machine.cores() > 0 ? " on " + machine.cores() + " cores" : "").append('\n');
        }
        md.append("- command: `").append(command).append("`\n");
        if (!remark.isEmpty()) {
            md.append("- note: ").append(remark).append('\n');
        }
        if (!sections.isEmpty()) {
            md.append("\nLatency is end to end: from the publisher's `System.nanoTime()` just before it writes to the ")
                .append("receiver's just after it reads (publishers and receivers share the bench's JVM and clock), ")
                .append("in an HdrHistogram. messages/s counts deliveries read by the receivers, from the first publish ")
                .append("to the last delivery. Server CPU is the server process's (`/proc/<pid>/stat` utime + stime) ")
                .append("averaged over the run (100 % = one core busy); per message it is the CPU-seconds the server ")
                .append("used in the run over the messages delivered, in µs. Bench CPU is the same for the bench's own ")
                .append("JVM (its publishers and receivers), so the table shows whether the load generator, not the ")
                .append("server, was the limit. The Netty forwarder runs inside the bench's JVM: its server CPU is its ")
                .append("own threads' (the JVM's thread CPU time), taken out of the bench's. Heap and RSS ")
                .append("are the largest seen in once-a-second samples.\n");
        }
        for (Section section : sections) {
            String png = name + "-" + section.scenario().name() + ".png";
            Chart.write(section.scenario().name(), section.runs(), dir.resolve(png));
            section(md, section, png);
        }
        for (Text text : texts) {
            md.append('\n').append(text.markdown());
            if (!text.runs().isEmpty()) {
                String png = name + "-" + text.name() + ".png";
                Chart.write(text.name(), text.runs(), dir.resolve(png));
                md.append("\n![").append(text.name()).append("](").append(png).append(")\n");
            }
            for (Figure figure : text.figures()) {
                String png = name + "-" + figure.suffix() + ".png";
                figure.draw().write(dir.resolve(png));
                md.append("\n![").append(figure.caption()).append("](").append(png).append(")\n");
            }
        }
        Path file = dir.resolve(name + ".md");
        Files.writeString(file, md);
        return file;
    }

    private static void section(StringBuilder md, Section section, String png) {
        Scenario s = section.scenario();
        md.append("\n## ").append(s.name()).append("\n\n");
        md.append(s.fanOut()
                ? s.publishes() + " publishes to one topic with " + s.receivers() + " subscribers (" + s.expectedDeliveries() + " deliveries)"
                : s.publishes() + " messages, each to one of " + s.receivers() + " receivers")
                .append(", payload ").append(s.payloadBytes()).append(" B, ")
                .append(s.publishers() == 1 ? "one publisher" : s.publishers() + " publishers (a connection each)")
                .append(", window ").append(s.window()).append(" publishes in flight")
                .append(s.publishers() == 1 ? "." : " on each.");
        if (s.publishers() > 1) {
            md.append(" Several publishers load every system up to its own maximum rather than one client's window;")
                    .append(" alarmhub answers at most `tcp.max-in-flight` (64) requests per connection, so a window")
                    .append(" above 64 only queues in its socket and the publishers are what load it.");
        }
        if (s.window() >= s.publishes()) {
            md.append(" Every publish fits in the window, so the run is a single burst: its latency is mostly how")
                    .append(" long the system takes to drain the whole burst, not the latency at a steady rate.");
        }
        md.append("\n\n");
        md.append("| system | messages/s | p50 ms | p99 ms | p99.9 ms | server CPU % | server µs/msg | bench CPU % |")
                .append(" bench µs/msg | heap MB | RSS MB | delivered |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement run : section.runs()) {
            Optional<ServerStats> stats = run.server();
            md.append("| ").append(run.system())
                    .append(" | ").append(number(run.messagesPerSecond()))
                    .append(" | ").append(number(run.percentileMillis(50)))
                    .append(" | ").append(number(run.percentileMillis(99)))
                    .append(" | ").append(number(run.percentileMillis(99.9)))
                    .append(" | ").append(cpuCells(run))
                    .append(" | ").append(cell(stats.map(ServerStats::heapMb).orElse(OptionalDouble.empty())))
                    .append(" | ").append(cell(stats.map(ServerStats::rssMb).orElse(OptionalDouble.empty())))
                    .append(" | ").append(run.delivered()).append(" / ").append(run.expected())
                    .append(run.duplicates() > 0 ? " (+" + run.duplicates() + " repeated)" : "")
                    .append(run.complete() ? "" : " (" + run.errors() + " errors)")
                    .append(" |\n");
        }
        Optional<Measurement> subject = section.runs().stream().filter(r -> r.system().equals(SUBJECT)).findFirst();
        subject.ifPresent(a -> ratios(md, a, section.runs(), s));
        md.append("\n");
        for (Measurement run : section.runs()) {
            if (!run.note().isEmpty()) {
                md.append("- ").append(run.system()).append(": ").append(run.note()).append('\n');
            }
        }
        md.append("\n![").append(s.name()).append("](").append(png).append(")\n");
    }

    private static void ratios(StringBuilder md, Measurement subject, List<Measurement> runs, Scenario scenario) {
        List<Measurement> peers = runs.stream().filter(r -> !r.system().equals(SUBJECT)).toList();
        if (peers.isEmpty()) {
            return;
        }
        md.append("\nalarmhub as a ratio to each peer (throughput: above 1 is faster; p99: below 1 is faster):\n\n");
        md.append("| peer | throughput ratio | p99 ratio |\n|---|---:|---:|\n");
        for (Measurement peer : peers) {
            md.append("| ").append(peer.system())
                    .append(" | ").append(ratio(subject.messagesPerSecond(), peer.messagesPerSecond()))
                    .append(" | ").append(ratio(subject.percentileMillis(99), peer.percentileMillis(99)))
                    .append(" |\n");
        }
        peers.stream().filter(p -> p.system().equals(TARGET_PEER)).findFirst()
                .ifPresent(mosquitto -> md.append('\n').append(verdict(subject, mosquitto)).append('\n'));
        if (!scenario.fanOut()) {
            peers.stream().filter(p -> p.system().equals(DURABLE_PEER)).findFirst()
                    .ifPresent(js -> md.append('\n').append(jetStreamVerdict(subject, js, scenario.publishers() > 1))
                            .append('\n'));
        }
    }

    /**
     * The other half of the one-to-one target: durable push at least as fast as NATS JetStream, each at its
     * own saturation, which is what a run with several publishers is for.
     */
    static String jetStreamVerdict(Measurement alarmhub, Measurement jetstream, boolean saturated) {
        String figures = "alarmhub " + number(alarmhub.messagesPerSecond()) + " messages/s against JetStream "
                + number(jetstream.messagesPerSecond()) + " messages/s, ratio "
                + ratio(alarmhub.messagesPerSecond(), jetstream.messagesPerSecond());
        if (!alarmhub.complete() || !jetstream.complete()) {
            return "**JetStream target not judged**: a run did not complete (" + figures + ").";
        }
        String caveat = saturated ? "" : " One publisher does not bring either system to its own saturation, which"
                + " the target asks for: the saturate run is the one that judges it.";
        return (alarmhub.messagesPerSecond() >= jetstream.messagesPerSecond()
                ? "**JetStream target met**: durable push at least as fast as NATS JetStream ("
                : "**JetStream target missed**: docs/design.md asks for durable push at least as fast as NATS JetStream (")
                + figures + ")." + caveat;
    }

    /** The target of docs/design.md, judged on throughput of complete runs. */
    static String verdict(Measurement alarmhub, Measurement mosquitto) {
        String figures = "alarmhub " + number(alarmhub.messagesPerSecond()) + " messages/s against Mosquitto QoS 1 "
                + number(mosquitto.messagesPerSecond()) + " messages/s";
        if (!alarmhub.complete() || !mosquitto.complete()) {
            return "**Target not judged**: a run did not complete (" + figures + ").";
        }
        String ratio = ratio(alarmhub.messagesPerSecond(), mosquitto.messagesPerSecond());
        return alarmhub.messagesPerSecond() >= TARGET_RATIO * mosquitto.messagesPerSecond()
                ? "**Target met**: durable push at least twice as fast as Mosquitto QoS 1 (" + figures + ", ratio "
                        + ratio + ")."
                : "**Target missed**: docs/design.md asks for durable push at least twice as fast as Mosquitto QoS 1 ("
                        + figures + ", ratio " + ratio + ").";
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }

    /**
     * Four cells: server CPU %, server µs per message, bench CPU %, bench µs per message ({@code n/a} where
     * unknown); per message is CPU-seconds over the messages delivered.
     */
    public static String cpuCells(Measurement run) {
        return cell(run.server().map(ServerStats::cpuPercent)) + " | " + cell(run.serverMicrosPerMessage())
                + " | " + cell(run.bench().map(ServerStats::cpuPercent)) + " | " + cell(run.benchMicrosPerMessage());
    }

    /** A number, or {@code n/a}. */
    public static String cell(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : "n/a";
    }

    /** A number, or {@code n/a}. */
    public static String cell(Optional<Double> value) {
        return value.map(Report::number).orElse("n/a");
    }

    /** Three significant figures at most, no exponent: what a table cell needs. */
    public static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (value >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        String text = String.format(Locale.ROOT, "%.3f", value);
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
