package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.command.CommandRefusal;
import io.alarmhub.gateway.device.hemu.command.CheckedCommand;
import io.alarmhub.gateway.device.hemu.command.CommandCatalogue;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.CamSettings;
import io.alarmhub.gateway.json.NetworkJson;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hemu catalogue's reading of apps' commands ({@link CommandCatalogue#read}) under arbitrary JSON: the input
 * is the body an app posts to {@code /hemu/command/{deviceId}/{token}} (or a push face hands the commander), read
 * with the RestServer's own JSON limits; input that is not JSON never reaches the catalogue.
 *
 * <p>Asserted, for every input: nothing but a {@link CommandRefusal} {@code BAD_COMMAND} escapes, its message
 * printable, at most 1,000 characters, and never a value the app sent (a text value holding one of
 * {@code #%@~$^`}, which no refusal says itself, is looked for); a command read is one of the catalogue, never the
 * firmware upgrade (4097), with only its shape's parameters; read again from its own raw form it is the same
 * command; the {@code msg} it is sent as is JSON with its request, subRequest and parameters; and the setting it
 * would store once acknowledged is one the online configuration takes ({@link CamSettings#merge} does not refuse
 * it).
 */
class HemuCommandFuzzTest {

    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e…]{1,1000}");
    private static final Pattern MARKED = Pattern.compile(".*[#%@~$^`].*", Pattern.DOTALL);

    @FuzzTest(maxDuration = "30s")
    void appCommands(byte[] input) {
        JsonNode json;
        try {
            json = NetworkJson.standard().reader().readTree(new String(input, StandardCharsets.UTF_8));
        } catch (JsonProcessingException notJson) {
            return;
        }
        CheckedCommand command;
        try {
            command = CommandCatalogue.read(json);
        } catch (CommandRefusal refusal) {
            assertThat(refusal.reason()).isEqualTo(CommandRefusal.Reason.BAD_COMMAND);
            assertThat(refusal.getMessage()).matches(PRINTABLE);
            for (String value : markedTexts(json)) {
                assertThat(refusal.getMessage()).as("the refusal repeats a value sent").doesNotContain(value);
            }
            return;
        }
        assertThat(command.request()).isNotEqualTo(CommandCatalogue.FIRMWARE);
        assertThat(CommandCatalogue.kinds()).contains(command.kind());
        command.requestParams().fieldNames().forEachRemaining(field ->
                assertThat(command.kind().params().fields()).contains(field));

        CheckedCommand again = CommandCatalogue.read(command.raw());
        assertThat(again.kind()).isEqualTo(command.kind());
        assertThat(again.requestParams()).isEqualTo(command.requestParams());

        JsonNode msg = parse(new AppCommand("alice", 1, 1, command.request(), command.subRequest(),
                command.msgVersion(), command.requestParams(), Instant.EPOCH).msg());
        JsonNode content = msg.get("msgContent");
        assertThat(content.get("request").asInt()).isEqualTo(command.request());
        assertThat(content.has("subRequest")).isEqualTo(command.subRequest().isPresent());
        assertThat(content.get("requestParams")).isEqualTo(command.requestParams());

        command.camRW().ifPresent(change -> CamSettings.merge(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                change));
    }

    /** Every text value of the input holding a character no refusal says. */
    private static List<String> markedTexts(JsonNode json) {
        List<String> found = new ArrayList<>();
        List<JsonNode> todo = new ArrayList<>(List.of(json));
        while (!todo.isEmpty() && found.size() < 100) {
            JsonNode node = todo.remove(todo.size() - 1);
            if (node.isTextual() && MARKED.matcher(node.asText()).matches()) {
                found.add(node.asText());
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                todo.add(it.next());
            }
        }
        return found;
    }

    private static JsonNode parse(String text) {
        try {
            return NetworkJson.standard().reader().readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("a msg that is not JSON: " + text, e);
        }
    }
}
