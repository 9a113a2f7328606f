package io.alarmhub.bench;

import io.alarmhub.bench.video.VideoPlan;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void withoutOptionsEverySystemRunsTheIssuesSizes() {
        BenchOptions options = BenchOptions.parse(new String[] {"all"});

        assertThat(options.scenarios()).containsExactly("one-to-one", "saturate", "fan-out");
        assertThat(options.systems()).containsExactly("alarmhub", "mosquitto", "mosquitto-persistent", "nats",
                "jetstream", "netty");
        assertThat(options.messages()).isEqualTo(20_000);
        assertThat(options.subscribers()).isEqualTo(1000);
        assertThat(options.publishes()).isEqualTo(20);
        assertThat(options.payload()).isEqualTo(256);
        assertThat(options.alarmhub()).isEmpty();
        assertThat(options.warmupFor("one-to-one")).isEqualTo(2000);
        assertThat(options.warmupFor("fan-out")).isEqualTo(2);
    }

    @Test
    void optionsOverrideTheDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"one-to-one", "--messages", "500", "--systems",
                "alarmhub,nats", "--out", "/tmp/r", "--server-jvm", "-Xmx1g -XX:+UseZGC", "--warmup", "0"});

        assertThat(options.scenarios()).containsExactly("one-to-one");
        assertThat(options.messages()).isEqualTo(500);
        assertThat(options.systems()).containsExactly("alarmhub", "nats");
        assertThat(options.out()).isEqualTo(Path.of("/tmp/r"));
        assertThat(options.serverJvmOptions()).isEqualTo(List.of("-Xmx1g", "-XX:+UseZGC"));
        assertThat(options.warmupFor("one-to-one")).isZero();
    }

    @Test
    void saturateHasMorePublishersAndALargerWindowUnlessTheyAreGiven() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"all"});
        BenchOptions given = BenchOptions.parse(new String[] {"all", "--publishers", "8", "--window", "32"});

        assertThat(List.of(defaults.publishersFor("one-to-one"), defaults.windowFor("one-to-one"))).containsExactly(1, 64);
        assertThat(List.of(defaults.publishersFor("saturate"), defaults.windowFor("saturate"))).containsExactly(4, 256);
        assertThat(List.of(defaults.publishersFor("fan-out"), defaults.windowFor("fan-out"))).containsExactly(1, 64);
        assertThat(List.of(given.publishersFor("one-to-one"), given.windowFor("one-to-one"))).containsExactly(8, 32);
        assertThat(List.of(given.publishersFor("saturate"), given.windowFor("saturate"))).containsExactly(8, 32);
        assertThat(given.publishersFor("fan-out")).isEqualTo(1);
        assertThat(Bench.scenario("saturate", defaults)).isEqualTo(
                io.alarmhub.bench.scenario.Scenario.oneToOne("saturate", 10, 20_000, 256, 256, 4));
        assertThat(BenchOptions.parse(new String[] {"saturate"}).scenarios()).containsExactly("saturate");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"all", "--publishers", "0"}))
                .hasMessageContaining("positive");
    }

    @Test
    void theDurablePeersAreSystemsOfTheirOwn() {
        BenchOptions options = BenchOptions.parse(new String[] {"one-to-one", "--systems", "jetstream,mosquitto-persistent"});

        assertThat(options.systems()).containsExactly("jetstream", "mosquitto-persistent");
    }

    @Test
    void aSweepRunsEachRateForTheDuration() {
        BenchOptions sweep = BenchOptions.parse(new String[] {"device-alarm", "--sweep", "1000,2000,5000,10000,15000"});
        BenchOptions shorter = BenchOptions.parse(new String[] {"device-alarm", "--sweep", "500,1000", "--duration", "5"});
        BenchOptions single = BenchOptions.parse(new String[] {"device-alarm", "--rate", "2000"});
        BenchOptions timed = BenchOptions.parse(new String[] {"device-alarm", "--rate", "2000", "--duration", "30"});

        assertThat(sweep.rates()).containsExactly(1000, 2000, 5000, 10_000, 15_000);
        assertThat(sweep.alarmsAt(10_000)).isEqualTo(600_000);
        assertThat(shorter.alarmsAt(1000)).isEqualTo(5000);
        assertThat(single.rates()).containsExactly(2000);
        assertThat(single.alarmsAt(2000)).isEqualTo(100_000);
        assertThat(timed.alarmsAt(2000)).isEqualTo(60_000);
    }

    @Test
    void aSweepTakesNoCountOfAlarmsNorASingleRate() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--sweep", "1000", "--alarms", "5"}))
                .hasMessageContaining("--alarms is for a single run");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--duration", "5", "--alarms", "5"}))
                .hasMessageContaining("--alarms is for a single run");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--sweep", "1000", "--rate", "5"}))
                .hasMessageContaining("--rate is for a single run");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--sweep", "2000,1000"}))
                .hasMessageContaining("go up");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"one-to-one", "--sweep", "1000"}))
                .hasMessageContaining("device-alarm only");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--sweep", "1000,0"}))
                .hasMessageContaining("positive");
    }

    @Test
    void theAlarmhubOnlyScenariosTakeTheirSizes() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"device-alarm"});
        BenchOptions idle = BenchOptions.parse(new String[] {"idle", "--connections", "5000"});
        BenchOptions alarms = BenchOptions.parse(new String[] {"device-alarm", "--devices", "2", "--alarms", "400",
                "--rate", "500"});

        assertThat(defaults.scenarios()).containsExactly("device-alarm");
        assertThat(defaults.rate()).isEqualTo(10_000);
        assertThat(defaults.alarms()).isEqualTo(100_000);
        assertThat(defaults.devices()).isEqualTo(100);
        assertThat(defaults.connections()).isEqualTo(200_000);
        assertThat(idle.connections()).isEqualTo(5000);
        assertThat(List.of(alarms.devices(), alarms.alarms(), alarms.rate())).containsExactly(2, 400, 500);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--rate", "0"}))
                .hasMessageContaining("positive");
    }

    @Test
    void deviceAlarmNamesItsVendorSchemeAndApp() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"device-alarm"});
        BenchOptions given = BenchOptions.parse(new String[] {"device-alarm", "--vendor", "vstarcam", "--app", "socketio",
                "--picture-bytes", "4096", "--scheme", "mixed"});

        assertThat(List.of(defaults.vendor(), defaults.scheme(), defaults.app())).containsExactly("jovision", "2219", "tcp");
        assertThat(defaults.pictureBytes()).isEqualTo(20_000);
        assertThat(List.of(given.vendor(), given.scheme(), given.app())).containsExactly("vstarcam", "mixed", "socketio");
        assertThat(given.pictureBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--scheme", "2220"}))
                .hasMessageContaining("2219");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--app", "mqtt"}))
                .hasMessageContaining("socketio");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--vendor", "vstarcam", "--app", "stream"}))
                .hasMessageContaining("Jovision");
    }

    @Test
    void unknownScenariosOptionsAndSystemsAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"crash"})).hasMessageContaining("unknown scenario");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"all", "--fast", "1"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"all", "--systems", "kafka"})).hasMessageContaining("systems");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"all", "--messages", "0"})).hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"all", "--messages"})).hasMessageContaining("needs a value");
    }

    @Test
    void theVideoScenarioTakesItsStepsRatesAndTimes() {
        BenchOptions defaults = BenchOptions.parse(new String[] {"video"});
        BenchOptions given = BenchOptions.parse(new String[] {"video", "--cameras", "5,50,150", "--megabits", "2",
                "--picture", "640x360", "--viewers", "10,20", "--live-cameras", "3", "--settle", "2", "--step", "30",
                "--warmup", "0", "--profile", "10"});

        assertThat(defaults.scenarios()).containsExactly("video");
        assertThat(defaults.video()).isEqualTo(VideoPlan.DEFAULT);
        VideoPlan plan = given.video();
        assertThat(plan.cameraSteps()).containsExactly(5, 50, 150);
        assertThat(plan.megabits()).containsExactly(2);
        assertThat(List.of(plan.width(), plan.height(), plan.liveCameras())).containsExactly(640, 360, 3);
        assertThat(plan.viewerSteps()).containsExactly(10, 20);
        assertThat(List.of(plan.settle(), plan.step(), plan.warmup(), plan.profile())).containsExactly(
                Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(10));
    }

    @Test
    void videoStepsGoUpAndStayWithinWhatTheNodeTakes() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"video", "--cameras", "50,10"}))
                .hasMessageContaining("ascending");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"video", "--viewers", "100,600"}))
                .hasMessageContaining("500");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"video", "--picture", "1920x1080"}))
                .hasMessageContaining("640x360 or 1280x720");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"video", "--viewers", "2", "--live-cameras", "3"}))
                .hasMessageContaining("every camera has a viewer");
    }

    @Test
    void recoverFollowsASingleDeviceAlarmRun() {
        BenchOptions o = BenchOptions.parse(new String[] {"device-alarm", "--rate", "15000", "--duration", "30",
                "--recover", "2000"});
        assertThat(o.recover()).hasValue(2000);
        assertThat(o.alarmsAt(2000)).isEqualTo(60_000);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"device-alarm", "--sweep", "1000,2000",
                "--recover", "500"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"one-to-one", "--recover", "500"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
