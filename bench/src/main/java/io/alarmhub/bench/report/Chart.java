package io.alarmhub.bench.report;

import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Measurement;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One PNG per scenario: latency percentiles per system beside deliveries per second over time; and, for a
 * rate sweep, latency percentiles against the rate asked for.
 */
public final class Chart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    private static final double[] PERCENTILES = {50, 75, 90, 99, 99.9};

    private Chart() {
    }

    public static void write(String title, List<Measurement> runs, Path png) throws IOException {
        BufferedImage latency = BitmapEncoder.getBufferedImage(latency(title, runs));
        BufferedImage throughput = BitmapEncoder.getBufferedImage(throughput(title, runs));
        BufferedImage both = new BufferedImage(WIDTH * 2, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, both.getWidth(), both.getHeight());
            g.drawImage(latency, 0, 0, null);
            g.drawImage(throughput, WIDTH, 0, null);
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(both, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    /**
     * Latency by percentile, as HdrHistogram plots it: x counts the nines (1 = p90, 2 = p99, 3 = p99.9),
     * y is milliseconds on a log axis, because the systems differ by orders of magnitude.
     */
    private static XYChart latency(String title, List<Measurement> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title + ": end-to-end latency")
                .xAxisTitle("percentile, in nines (0.3 = p50, 1 = p90, 2 = p99, 3 = p99.9)").yAxisTitle("ms").build();
        boolean any = false;
        for (Measurement run : runs) {
            if (run.latency().getTotalCount() > 0) {
                double[] nines = Arrays.stream(PERCENTILES).map(p -> -Math.log10(1 - p / 100)).toArray();
                double[] millis = Arrays.stream(PERCENTILES).map(p -> Math.max(0.001, run.percentileMillis(p))).toArray();
                chart.addSeries(run.system(), nines, millis);
                any = true;
            }
        }
        if (any) {
            chart.getStyler().setYAxisLogarithmic(true);
        } else {
            chart.addSeries("no deliveries", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static XYChart throughput(String title, List<Measurement> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title + ": deliveries per second (per 100 ms)").xAxisTitle("seconds into the run").yAxisTitle("messages/s").build();
        boolean any = false;
        for (Measurement run : runs) {
            long[] counts = run.perTick();
            if (counts.length > 0) {
                double tick = LatencyRecorder.TICK_NANOS / 1e9;
                double[] seconds = IntStream.range(0, counts.length).mapToDouble(i -> i * tick).toArray();
                chart.addSeries(run.system(), seconds, Arrays.stream(counts).mapToDouble(n -> n / tick).toArray());
                any = true;
            }
        }
        if (!any) {
            // xchart cannot draw a chart without a series; an empty run still gets its picture
            chart.addSeries("no deliveries", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    /**
     * A sweep: p50, p99 and p99.9 of each run (ms, log axis: they span orders of magnitude once the server
     * falls behind) against the rate it was asked for, with the target's latency as a line.
     *
     * @param rates the rate of each run, in the order of {@code runs}
     */
    public static void writeByRate(String title, List<Integer> rates, List<Measurement> runs, double targetMs, Path png)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title + ": latency by rate")
                .xAxisTitle("alarms/s asked for").yAxisTitle("ms (log)").build();
        double[] x = rates.stream().mapToDouble(Integer::doubleValue).toArray();
        for (double percentile : new double[] {50, 99, 99.9}) {
            double[] y = runs.stream().mapToDouble(run -> Math.max(0.001, run.percentileMillis(percentile))).toArray();
            chart.addSeries("p" + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile)
                    : String.valueOf(percentile)), x, y);
        }
        double first = x.length == 0 ? 0 : x[0];
        double last = x.length == 0 ? 1 : x[x.length - 1];
        String target = targetMs == Math.rint(targetMs) ? String.valueOf((long) targetMs) : Report.number(targetMs);
        chart.addSeries("target p99 " + target + " ms", new double[] {first, last},
                new double[] {targetMs, targetMs});
        chart.getStyler().setYAxisLogarithmic(true);
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }
}
