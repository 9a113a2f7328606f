package io.alarmhub.bench.report;

import io.alarmhub.bench.scenario.Measurement;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
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

/** One PNG per scenario: latency percentiles per system beside deliveries per second over time. */
public final class Chart {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

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

    private static CategoryChart latency(String title, List<Measurement> runs) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title + ": end-to-end latency").xAxisTitle("system").yAxisTitle("ms").build();
        List<String> systems = runs.stream().map(Measurement::system).toList();
        String[] labels = {"p50", "p99", "p99.9"};
        double[] percentiles = {50, 99, 99.9};
        for (int i = 0; i < labels.length; i++) {
            double percentile = percentiles[i];
            chart.addSeries(labels[i], systems, runs.stream().map(run -> run.percentileMillis(percentile)).toList());
        }
        return chart;
    }

    private static XYChart throughput(String title, List<Measurement> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title + ": deliveries per second").xAxisTitle("second of the run").yAxisTitle("messages/s").build();
        boolean any = false;
        for (Measurement run : runs) {
            long[] counts = run.perSecond();
            if (counts.length > 0) {
                double[] seconds = IntStream.range(0, counts.length).asDoubleStream().toArray();
                chart.addSeries(run.system(), seconds, Arrays.stream(counts).asDoubleStream().toArray());
                any = true;
            }
        }
        if (!any) {
            // xchart cannot draw a chart without a series; an empty run still gets its picture
            chart.addSeries("no deliveries", new double[] {0}, new double[] {0});
        }
        return chart;
    }
}
