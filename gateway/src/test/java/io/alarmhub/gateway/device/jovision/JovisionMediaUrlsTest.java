package io.alarmhub.gateway.device.jovision;

import io.alarmhub.core.event.AlarmType;
import io.alarmhub.core.media.MediaKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JovisionMediaUrlsTest {

    @Test
    void everyPlaceholderIsFilled() {
        JovisionMediaUrls urls = new JovisionMediaUrls("https://m.example.net/{dguid}/{dcn}/{ats}-{name}?x={ext}");
        assertThat(urls.url("S35084741", 1411626387L, 2, MediaKind.PICTURE, Optional.of("100634.jpg")))
                .isEqualTo("https://m.example.net/S35084741/2/1411626387-100634.jpg?x=jpg");
        assertThat(urls.url("S35084741", 1411626387L, 0, MediaKind.VIDEO, Optional.empty()))
                .as("without a name, {name} is {ats}.{ext}")
                .isEqualTo("https://m.example.net/S35084741/0/1411626387-1411626387.mp4?x=mp4");
    }

    @Test
    void deviceValuesAreOnePathSegment() {
        JovisionMediaUrls urls = new JovisionMediaUrls("ftp://h/{dguid}/{name}");
        assertThat(urls.url("S1", 1, 0, MediaKind.PICTURE, Optional.of("../etc/passwd")))
                .isEqualTo("ftp://h/S1/..%2Fetc%2Fpasswd");
        assertThat(urls.url("S1", 1, 0, MediaKind.PICTURE, Optional.of(".."))).isEqualTo("ftp://h/S1/%2E%2E");
        assertThat(urls.url("S 1?", 1, 0, MediaKind.PICTURE, Optional.of("报警.jpg")))
                .isEqualTo("ftp://h/S%201%3F/%E6%8A%A5%E8%AD%A6.jpg");
    }

    @Test
    void theDefaultSaysItIsNotConfigured() {
        assertThat(JovisionSettings.DEFAULT.mediaUrlConfigured()).isFalse();
        assertThat(JovisionSettings.DEFAULT.withMediaUrlTemplate("ftp://h/{name}").mediaUrlConfigured()).isTrue();
        assertThat(new JovisionMediaUrls(JovisionSettings.DEFAULT.mediaUrlTemplate())
                .url("S35084741", 1411626387L, 1, MediaKind.PICTURE, Optional.empty()))
                .isEqualTo("unconfigured://jovision-media-url-template/S35084741/1411626387.jpg");
    }

    @Test
    void aTemplateWithATypoFailsAtStart() {
        assertThatThrownBy(() -> JovisionSettings.DEFAULT.withMediaUrlTemplate("ftp://h/{dguild}/{ats}.{ext}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{dguild}");
        assertThatThrownBy(() -> JovisionSettings.DEFAULT.withMediaUrlTemplate("ftp://h/{dguid"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unclosed");
        assertThatThrownBy(() -> JovisionSettings.DEFAULT.withMediaUrlTemplate(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alarmTypesFollowTheFirmwareTable() {
        assertThat(JovisionAlarmTypes.of("7")).isEqualTo(AlarmType.MOTION);
        assertThat(JovisionAlarmTypes.of("15")).isEqualTo(AlarmType.MOTION);
        assertThat(JovisionAlarmTypes.of("13")).isEqualTo(AlarmType.BABY_CRYING);
        assertThat(JovisionAlarmTypes.of("5")).isEqualTo(AlarmType.FAULT);
        assertThat(JovisionAlarmTypes.of("9")).isEqualTo(AlarmType.OTHER);
        assertThat(JovisionAlarmTypes.of("11")).isEqualTo(AlarmType.OTHER);
        assertThat(JovisionAlarmTypes.of("motion")).isEqualTo(AlarmType.OTHER);
        assertThat(JovisionAlarmTypes.of("")).isEqualTo(AlarmType.OTHER);
    }
}
