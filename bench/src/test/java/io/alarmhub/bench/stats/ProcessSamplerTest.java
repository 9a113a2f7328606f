package io.alarmhub.bench.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class ProcessSamplerTest {

    @Test
    void theHeapIsTheSumOfTheHeapPoolsInPrometheusText() {
        List<String> text = List.of(
                "# TYPE jvm_memory_used_bytes gauge",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1048576.0",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2097152.0",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.9E7",
                "jvm_memory_max_bytes{area=\"heap\",id=\"G1 Old Gen\"} 5.0E9");

        assertThat(ProcessSampler.heapBytes(text)).hasValue(3145728.0);
    }

    @Test
    void textWithoutHeapPoolsGivesNoHeap() {
        assertThat(ProcessSampler.heapBytes(List.of("up 1"))).isEmpty();
    }

    @Test
    void thisProcessHasCpuTimeAndAResidentSet() {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        long pid = ProcessHandle.current().pid();

        assertThat(ProcessSampler.cpuTicks(pid)).isPresent();
        assertThat(ProcessSampler.rssKb(pid).orElseThrow()).isPositive();
    }
}
