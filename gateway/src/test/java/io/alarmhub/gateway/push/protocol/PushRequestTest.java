package io.alarmhub.gateway.push.protocol;

import io.alarmhub.core.message.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PushRequestTest {

    private static PushRequest read(String json) {
        return PushRequest.create(PushJson.parse(json).orElseThrow(), PushLimits.DEFAULT);
    }

    @Test
    void readsEachTypeOfTheSeed() {
        assertThat(read("{\"t\":1,\"alias\":\"a\"}")).isEqualTo(new PushRequest.Heartbeat("a", Optional.empty()));
        assertThat(read("{\"t\":2,\"topic\":[\"m_2\",\"c_2\"],\"num\":\"1\"}"))
                .isInstanceOfSatisfying(PushRequest.Register.class, r -> assertThat(r.topics()).containsExactly("m_2", "c_2"));
        assertThat(read("{\"t\":3,\"num\":\"\"}")).isInstanceOf(PushRequest.GetTopic.class);
        assertThat(read("{\"t\":4,\"num\":7}")).isInstanceOf(PushRequest.Pull.class);
        assertThat(read("{\"t\":-5,\"mid\":\"42\"}")).isInstanceOfSatisfying(PushRequest.Ack.class,
                r -> assertThat(r.mid()).isEqualTo("42"));
        assertThat(read("{\"t\":7}")).isInstanceOf(PushRequest.ServerInfo.class);
        assertThat(read("{\"t\":8,\"r\":\"101\",\"u\":\"tom\"}")).isInstanceOfSatisfying(PushRequest.DoorOpen.class,
                r -> assertThat(r.room() + "/" + r.user()).isEqualTo("101/tom"));
        assertThat(read("{\"t\":9,\"r\":\"101\",\"u\":\"tom\"}")).isInstanceOf(PushRequest.RegisterPhone.class);
        assertThat(read("{\"t\":10,\"r\":\"101\",\"u\":\"door\"}")).isInstanceOf(PushRequest.RegisterDoor.class);
        assertThat(read("{\"t\":14,\"alias\":\"xxx\"}")).isEqualTo(new PushRequest.Connect("xxx", Optional.empty()));
    }

    @Test
    void readsBothPublishMethodsKeepingTheMessageAsSent() {
        PushRequest topic = read("{ \"t\":6, \"method\":\"publish\", \"topic\":[\"m_2\"], \"msg\":{\"a\": [1, 2.50]},"
                + "\"opts\":{ \"time_to_live\":60 }, \"num\":\"n1\" }");
        assertThat(topic).isInstanceOfSatisfying(PushRequest.Publish.class, p -> {
            assertThat(p.target()).isEqualTo(new Target.Topics(List.of("m_2")));
            assertThat(p.msg()).isEqualTo("{\"a\":[1,2.50]}");
            assertThat(p.timeToLive()).contains(Duration.ofSeconds(60));
            assertThat(p.num()).hasValueSatisfying(n -> assertThat(n.asText()).isEqualTo("n1"));
        });
        PushRequest alias = read("{\"t\":6,\"method\":\"publish_to_alias\",\"alias\":[\"a\",\"b\",\"a\"],\"msg\":\"hi\"}");
        assertThat(alias).isInstanceOfSatisfying(PushRequest.Publish.class, p -> {
            assertThat(p.target()).isEqualTo(new Target.Aliases(List.of("a", "b")));
            assertThat(p.msg()).isEqualTo("\"hi\"");
            assertThat(p.timeToLive()).isEmpty();
        });
    }

    @Test
    void readsTheProofOfAnAliasAndADeviceCommand() {
        assertThat(read("{\"t\":21,\"token\":\"1700086400.ab\",\"num\":2}")).isInstanceOfSatisfying(
                PushRequest.ProveAlias.class, r -> {
                    assertThat(r.token()).isEqualTo("1700086400.ab");
                    assertThat(r.num()).hasValueSatisfying(n -> assertThat(n.asInt()).isEqualTo(2));
                });
        assertThat(read("{\"t\":\"20\",\"vendor\":\"hemu\",\"device\":123456789012345,"
                + "\"command\":{\"cmd\":\"ptz\",\"speed\":2.50},\"num\":\"c1\"}"))
                .isInstanceOfSatisfying(PushRequest.DeviceCommand.class, r -> {
                    assertThat(r.vendor()).isEqualTo("hemu");
                    assertThat(r.device()).as("a number is taken as its digits, as a name").isEqualTo("123456789012345");
                    assertThat(r.command().toString()).isEqualTo("{\"cmd\":\"ptz\",\"speed\":2.50}");
                    assertThat(r.num()).hasValueSatisfying(n -> assertThat(n.asText()).isEqualTo("c1"));
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[1,2]                                                        | a request is a JSON object",
        "{\"alias\":\"a\"}                                            | missing or non-integer t",
        "{\"t\":1.5}                                                  | missing or non-integer t",
        "{\"t\":99}                                                   | unknown type t:99",
        "{\"t\":1}                                                    | missing field: alias",
        "{\"t\":1,\"alias\":\"\"}                                     | alias is empty",
        "{\"t\":2,\"topic\":[]}                                       | topic is empty",
        "{\"t\":2,\"topic\":[{}]}                                     | topic must hold strings",
        "{\"t\":6,\"method\":\"broadcast\",\"msg\":1}                 | method must be publish or publish_to_alias",
        "{\"t\":6,\"method\":\"publish\",\"topic\":[\"x\"]}           | missing field: msg",
        "{\"t\":6,\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":1,\"opts\":{\"time_to_live\":-1}} | opts.time_to_live must be a whole number of seconds, 0 or more",
        "{\"t\":6,\"method\":\"publish\",\"topic\":[\"x\"],\"msg\":1,\"opts\":{\"time_to_live\":1.5}} | opts.time_to_live must be a whole number of seconds, 0 or more",
        "{\"t\":21}                                                  | missing field: token",
        "{\"t\":21,\"token\":17}                                     | missing field: token",
        "{\"t\":21,\"token\":\"\"}                                   | token is empty",
        "{\"t\":20,\"device\":\"d\",\"command\":{}}                    | missing field: vendor",
        "{\"t\":20,\"vendor\":\"hemu\",\"command\":{}}                 | missing field: device",
        "{\"t\":20,\"vendor\":\"hemu\",\"device\":\"d\"}               | missing field: command",
        "{\"t\":20,\"vendor\":\"hemu\",\"device\":\"d\",\"command\":null} | missing field: command",
        "{\"t\":20,\"vendor\":\"hemu\",\"device\":\"d\",\"command\":\"reboot\"} | command must be a JSON object",
        "{\"t\":20,\"vendor\":[\"hemu\"],\"device\":\"d\",\"command\":{}} | missing field: vendor",
    })
    void namesWhatIsWrong(String json, String error) {
        assertThat(read(json)).isInstanceOfSatisfying(PushRequest.Invalid.class,
                invalid -> assertThat(invalid.error()).isEqualTo(error));
    }

    @Test
    void keepsNumForTheErrorReplyWhateverItsType() {
        assertThat(read("{\"t\":99,\"num\":{\"k\":1}}").num())
                .hasValueSatisfying(n -> assertThat(n.toString()).isEqualTo("{\"k\":1}"));
    }

    @Test
    void boundsNamesTargetsAndMessages() {
        PushLimits tight = new PushLimits(4, 2, 10);
        assertThat(PushRequest.create(PushJson.parse("{\"t\":1,\"alias\":\"abcde\"}").orElseThrow(), tight))
                .isInstanceOf(PushRequest.Invalid.class);
        assertThat(PushRequest.create(PushJson.parse("{\"t\":2,\"topic\":[\"a\",\"b\",\"c\"]}").orElseThrow(), tight))
                .isInstanceOf(PushRequest.Invalid.class);
        assertThat(PushRequest.create(PushJson.parse(
                "{\"t\":6,\"method\":\"publish\",\"topic\":[\"a\"],\"msg\":\"0123456789\"}").orElseThrow(), tight))
                .isInstanceOf(PushRequest.Invalid.class);
        assertThat(PushRequest.create(PushJson.parse(
                "{\"t\":20,\"vendor\":\"v\",\"device\":\"d\",\"command\":{\"a\":\"0123\"}}").orElseThrow(), tight))
                .isEqualTo(new PushRequest.Invalid("command longer than 10 characters", Optional.empty()));
        assertThat(PushRequest.create(PushJson.parse(
                "{\"t\":20,\"vendor\":\"v\",\"device\":\"d\",\"command\":{\"a\":\"01\"}}").orElseThrow(), tight))
                .isInstanceOf(PushRequest.DeviceCommand.class);
        assertThat(PushRequest.create(PushJson.parse("{\"t\":21,\"token\":\"12345\"}").orElseThrow(), tight))
                .isEqualTo(new PushRequest.Invalid("token longer than 4 characters", Optional.empty()));
    }
}
