package io.alarmhub.video.mp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** What ffprobe says of one stream of a file, asserted to have been said without a complaint. */
record Probe(Map<String, String> fields, List<Long> pts) {

    /** Stream {@code stream} ({@code v:0}, {@code a:0}) of {@code file}, with its frames counted and packets listed. */
    static Probe of(Function<String[], Tools.Output> ffprobe, Path file, String stream) {
        Tools.Output info = ffprobe.apply(new String[] {"-v", "error", "-count_frames", "-select_streams", stream,
                "-show_entries", "stream=codec_name,width,height,sample_rate,channels,nb_read_frames,start_time,"
                        + "duration:format=duration", "-of", "default=nw=1", file.toString()});
        assertThat(info.err()).as("ffprobe's complaints about " + file).isEmpty();
        Map<String, String> fields = new HashMap<>();
        for (String line : info.out().strip().split("\n")) {
            String[] pair = line.split("=", 2);
            // stream and format both have a duration: the format's comes last
            fields.put(fields.containsKey(pair[0]) ? "format_" + pair[0] : pair[0], pair[1]);
        }
        Tools.Output packets = ffprobe.apply(new String[] {"-v", "error", "-select_streams", stream,
                "-show_entries", "packet=pts", "-of", "csv=p=0", file.toString()});
        assertThat(packets.err()).as("ffprobe's complaints about " + file).isEmpty();
        List<Long> pts = Arrays.stream(packets.out().strip().split("\n")).filter(s -> !s.isBlank())
                .map(s -> Long.parseLong(s.strip().replace(",", ""))).toList();
        return new Probe(fields, pts);
    }

    static Probe v51(Path file) {
        return of(Tools::ffprobe, file, "v:0");
    }

    static Probe v81(Path file, String stream) {
        return of(Tools::ffprobe8, file, stream);
    }

    String get(String field) {
        assertThat(fields).containsKey(field);
        return fields.get(field);
    }

    int frames() {
        return Integer.parseInt(get("nb_read_frames"));
    }

    double seconds(String field) {
        return Double.parseDouble(get(field));
    }

    /** Asserts each packet comes after the one before. */
    void assertPtsIncrease() {
        assertThat(pts).isNotEmpty();
        for (int i = 1; i < pts.size(); i++) {
            assertThat(pts.get(i)).as("pts of packet %d", i).isGreaterThan(pts.get(i - 1));
        }
    }
}
