package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** {@code {}}: the queries and the SD-card format take nothing. */
record NoParams() implements Params {

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public Set<String> fields() {
        return Set.of();
    }
}
