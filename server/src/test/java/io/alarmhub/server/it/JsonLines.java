package io.alarmhub.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Parses one JSON line in the tests' own words. */
final class JsonLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    static JsonNode parse(String line) throws IOException {
        return JSON.readTree(line);
    }
}
