package io.alarmhub.bench.video;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JfrProfileTest {

    @Test
    void aCopyBelongsToTheStageThatAskedForIt() {
        assertThat(JfrProfile.stage(List.of("io.netty.buffer.ByteBufUtil", "java.util.Arrays",
                "io.alarmhub.gateway.device.hemu.hedgw.HedgwFrameDecoder", "io.netty.channel.DefaultChannelPipeline")))
                .isEqualTo("HEDGW framing and protobuf");
    }

    @Test
    void theCipherUnderTheServersHandlersIsTls() {
        assertThat(JfrProfile.stage(List.of("java.lang.invoke.VarHandleByteArrayAsLongs$ArrayHandle",
                "com.sun.crypto.provider.GHASH", "sun.security.ssl.SSLEngineImpl", "io.netty.handler.ssl.SslHandler",
                "io.alarmhub.gateway.IdleTimeout"))).isEqualTo("TLS (JDK crypto, SSLEngine, SslHandler)");
        assertThat(JfrProfile.stage(List.of("io.netty.handler.ssl.SslHandler", "io.netty.channel.epoll.EpollEventLoop")))
                .isEqualTo("TLS (JDK crypto, SSLEngine, SslHandler)");
    }

    @Test
    void theVideoModulesStagesAreTheirPackages() {
        assertThat(JfrProfile.stage(List.of("io.alarmhub.video.audio.FlacEncoder", "io.alarmhub.video.hub.CameraSession")))
                .isEqualTo("audio: A-law to FLAC");
        assertThat(JfrProfile.stage(List.of("java.lang.System", "io.alarmhub.video.mp4.FragmentedMp4Writer")))
                .isEqualTo("recording: MP4, recorder, index");
        assertThat(JfrProfile.stage(List.of("io.netty.channel.epoll.Native", "io.netty.channel.epoll.EpollEventLoop")))
                .isEqualTo("Netty pipeline and socket I/O");
    }

    @Test
    void aStackOfTheJdkAloneOrOfALibraryOutsideTheStagesIsUnplaced() {
        assertThat(JfrProfile.stage(List.of("java.lang.Thread"))).isEqualTo("the JDK or Netty alone");
        assertThat(JfrProfile.stage(List.of("ch.qos.logback.core.OutputStreamAppender",
                "io.alarmhub.video.record.CameraRecorder"))).isEqualTo("the JDK or Netty alone");
    }
}
