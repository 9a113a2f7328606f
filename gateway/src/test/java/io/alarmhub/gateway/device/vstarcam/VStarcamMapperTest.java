package io.alarmhub.gateway.device.vstarcam;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VStarcamMapperTest {

    @Test
    void extensionComesFromTheNameElseTheContentTypeElseTheKind() {
        assertThat(VStarcamMapper.extension(part("picture", "20240101.JPG", "application/octet-stream")))
                .isEqualTo("jpg");
        assertThat(VStarcamMapper.extension(part("picture", "snapshot", "image/png"))).isEqualTo("png");
        assertThat(VStarcamMapper.extension(part("video", "rec.", "video/mp4; codecs=avc1"))).isEqualTo("mp4");
        assertThat(VStarcamMapper.extension(part("video", "clip.../", null))).isEqualTo("mp4");
        assertThat(VStarcamMapper.extension(part("picture", "a.b/c", "text/plain"))).isEqualTo("jpg");
    }

    @Test
    void fileNameDropsDirectories() {
        assertThat(VStarcamMapper.fileName(part("picture", "C:\\tmp\\a.jpg", "image/jpeg"))).isEqualTo("a.jpg");
        assertThat(VStarcamMapper.fileName(part("picture", "../../etc/x.jpg", "image/jpeg"))).isEqualTo("x.jpg");
    }

    @Test
    void rawKeepsFieldsAndFiles() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("vuid", "VC0000000ABCD");
        fields.put("type", "0x12");
        fields.put("note", "\"quoted\"");
        AlarmForm form = new AlarmForm(fields, List.of(part("picture", "a.jpg", "image/jpeg")));

        assertThat(VStarcamMapper.raw(form)).isEqualTo("{\"vuid\":\"VC0000000ABCD\",\"type\":\"0x12\","
                + "\"note\":\"\\\"quoted\\\"\",\"picture\":{\"file\":\"a.jpg\",\"size\":10,\"contentType\":\"image/jpeg\"}}");
    }

    @Test
    void heartbeatNeedsAVuid() {
        assertThat(VStarcamMapper.heartbeat("{\"vuid\":\" VC0000000ABCD \"}".getBytes()).id()).isEqualTo("VC0000000ABCD");
        assertThatThrownBy(() -> VStarcamMapper.heartbeat("{\"vuid\":\"\"}".getBytes()))
                .isInstanceOfSatisfying(Answer.Rejected.class, rejected -> {
                    assertThat(rejected.answer().status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
                    assertThat(rejected.answer().json()).isEqualTo("{\"code\":\"400\",\"message\":\"missing vuid\"}");
                });
        assertThatThrownBy(() -> VStarcamMapper.heartbeat("".getBytes())).isInstanceOf(Answer.Rejected.class);
    }

    private static AlarmForm.Part part(String name, String filename, String contentType) {
        return new AlarmForm.Part(name, filename, contentType, 10, null);
    }
}
