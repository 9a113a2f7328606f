package io.alarmhub.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alarmhub.gateway.device.hemu.command.CheckedCommand;
import io.alarmhub.gateway.device.hemu.command.CommandCatalogue;
import io.alarmhub.gateway.device.hemu.hedgw.HedgwMessages;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.IpCamMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated camera's answers, to commands made as the server makes them ({@link CommandCatalogue},
 * {@link HedgwMessages#appCommand}) and read back as the server reads them ({@link IpCamMessage#create}).
 */
class SimulatedCameraAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAMERA = "110234567894562";

    private final SimulatedCameraAnswers camera = new SimulatedCameraAnswers(CAMERA,
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
    private int session = 100;

    /** Sends the command as the server would, and reads the answer as the server would. */
    private Optional<IpCamMessage.Answer> ask(String command) throws Exception {
        CheckedCommand checked = CommandCatalogue.read(JSON.readTree(command));
        Hedgw.HEDGWMessage sent = HedgwMessages.appCommand(new AppCommand("alice", 7, ++session, checked.request(),
                checked.subRequest(), checked.msgVersion(), checked.requestParams(), Instant.EPOCH));
        return camera.answer(sent.getDevAppCmd()).map(this::read);
    }

    private IpCamMessage.Answer read(Hedgw.HEDGWMessage answer) {
        assertThat(answer.getMessageType()).isEqualTo(Hedgw.HEDGWMessage.MessageType.DevIpCamCmd);
        Hedgw.DevIpCamCmd cmd = answer.getDevIpcamCmd();
        assertThat(cmd.getType()).isEqualTo(2);
        assertThat(cmd.getSrcDeviceId()).isEqualTo(CAMERA);
        IpCamMessage read = IpCamMessage.create(cmd.getType(), Optional.of(cmd.getDstDeviceId()),
                Optional.of(cmd.getMsg()), Optional.empty());
        assertThat(read).isInstanceOf(IpCamMessage.Answer.class);
        return (IpCamMessage.Answer) read;
    }

    @Test
    void aSettingIsAcknowledgedToItsSenderWithItsSession() throws Exception {
        IpCamMessage.Answer answer = ask("{\"command\":\"night_vision\",\"value\":\"auto\"}").orElseThrow();

        assertThat(answer.dstDeviceId()).hasValue("alice");
        assertThat(answer.msgSession()).isEqualTo(session);
        assertThat(answer.responseRequest()).isEqualTo(1793);
        assertThat(answer.responseSubRequest()).isEqualTo(OptionalInt.of(21));
        assertThat(answer.response()).isZero();
        assertThat(answer.params()).isEmpty();
        assertThat(answer.message().get("msgCategory").asText()).isEqualTo("camera");
    }

    @Test
    void theQueriesAreAnsweredWithWhatTheCameraSees() throws Exception {
        JsonNode networks = ask("{\"command\":\"wifi.list\"}").orElseThrow().params().orElseThrow();
        assertThat(networks).hasSize(3);
        assertThat(networks.get(0).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("bConnected", "bssid", "encryption", "signal", "ssid");

        JsonNode partitions = ask("{\"command\":\"sd.info\"}").orElseThrow().params().orElseThrow();
        assertThat(partitions.get(0).get("total").asLong()).isGreaterThan(partitions.get(0).get("remain").asLong());

        ask("{\"command\":\"ptz.position\",\"pan\":-50,\"tilt\":5}");
        ask("{\"command\":\"ptz.step\",\"value\":\"right\"}");
        assertThat(ask("{\"command\":\"ptz.get_position\"}").orElseThrow().params().orElseThrow())
                .isEqualTo(JSON.readTree("{\"pan\":99950,\"tilt\":5}"));
    }

    @Test
    void theCameraSwitchIsAnsweredWithoutASubRequest() throws Exception {
        IpCamMessage.Answer answer = ask("{\"command\":\"camera\",\"value\":\"off\"}").orElseThrow();
        assertThat(answer.responseRequest()).isEqualTo(1815);
        assertThat(answer.responseSubRequest()).isEmpty();
        assertThat(answer.response()).isZero();
    }

    @Test
    void aValueItDoesNotTakeIsRefusedMinusOne() {
        Hedgw.DevAppCmd command = cmd(33, "{\"msgSession\":9,\"msgContent\":{\"request\":1793,\"subRequest\":21,"
                + "\"requestParams\":{\"value\":7}}}");
        assertThat(camera.answer(command).map(this::read).orElseThrow().response()).isEqualTo(-1);
        Hedgw.DevAppCmd unknown = cmd(33, "{\"msgSession\":9,\"msgContent\":{\"request\":1793,\"subRequest\":99,"
                + "\"requestParams\":{}}}");
        assertThat(camera.answer(unknown).map(this::read).orElseThrow().response()).isEqualTo(-1);
    }

    @Test
    void theFirmwareUpgradeLiveViewAndUnreadableMessagesAreNotAnsweredHere() {
        assertThat(camera.answer(cmd(33, "{\"msgSession\":9,\"msgContent\":{\"request\":4097,\"requestParams\":"
                + "{\"url\":\"https://x/fw.bin\"}}}"))).isEmpty();
        assertThat(camera.answer(cmd(8, "{}"))).isEmpty();
        assertThat(camera.answer(cmd(33, "not json"))).isEmpty();
    }

    private static Hedgw.DevAppCmd cmd(int type, String msg) {
        return Hedgw.DevAppCmd.newBuilder().setType(type).setSrcDeviceId("alice").setId(1).setMsg(msg).build();
    }
}
