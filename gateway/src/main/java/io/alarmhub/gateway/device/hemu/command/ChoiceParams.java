package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code {"value": n}}, n one of a few numbers. Where the document gives the numbers meanings (night vision's
 * 0 off, 1 on, 2 auto) a named command says the meaning, in any case ({@code "auto"}); where the numbers are
 * themselves the meaning (a sensitivity of 80, 180° of rotation) it says the number ({@code 80} or {@code "80"}).
 * A raw command always sends the number, as the document does.
 *
 * @param field  the parameter's name, {@code value} in every command of the document
 * @param values the words (or the numbers' text) and their numbers, in the order refusals list them
 */
record ChoiceParams(String field, Map<String, Integer> values, boolean words) implements Params {

    ChoiceParams {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Meanings of {@code value}: {@code words("off", 0, "on", 1)}. */
    static ChoiceParams words(Object... wordsAndNumbers) {
        return wordsOf("value", wordsAndNumbers);
    }

    /** Meanings of another parameter: {@code wordsOf("stand", "upright", 1, "ceiling", 0)}. */
    static ChoiceParams wordsOf(String field, Object... wordsAndNumbers) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (int i = 0; i < wordsAndNumbers.length; i += 2) {
            values.put((String) wordsAndNumbers[i], (Integer) wordsAndNumbers[i + 1]);
        }
        return new ChoiceParams(field, values, true);
    }

    /** Numbers that mean themselves: {@code numbers(30, 50, 80, 90, 100)}. */
    static ChoiceParams numbers(int... numbers) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (int n : numbers) {
            values.put(Integer.toString(n), n);
        }
        return new ChoiceParams("value", values, false);
    }

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        JsonNode given = source.path(field);
        Optional<Integer> number = form == Form.RAW ? raw(given) : named(given);
        return JsonNodeFactory.instance.objectNode().put(field, number.orElseThrow(() -> Checks.bad(where + ": "
                + (form == Form.RAW ? "requestParams." : "") + field + " must be one of "
                + String.join(", ", form == Form.RAW || !words ? numbers() : List.copyOf(values.keySet())))));
    }

    /** The word (or number) a named command says for {@code number}. */
    String word(int number) {
        return values.entrySet().stream().filter(e -> e.getValue() == number).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
    }

    @Override
    public Set<String> fields() {
        return Set.of(field);
    }

    private Optional<Integer> raw(JsonNode given) {
        return given.isIntegralNumber() && given.canConvertToInt() && values.containsValue(given.asInt())
                ? Optional.of(given.asInt()) : Optional.empty();
    }

    private Optional<Integer> named(JsonNode given) {
        if (!words && given.isIntegralNumber()) {
            return raw(given);
        }
        return given.isTextual()
                ? Optional.ofNullable(values.get(given.asText().toLowerCase(Locale.ROOT))) : Optional.empty();
    }

    private List<String> numbers() {
        return values.values().stream().map(String::valueOf).collect(Collectors.toList());
    }
}
