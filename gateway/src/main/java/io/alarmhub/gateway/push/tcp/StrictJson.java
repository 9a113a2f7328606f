package io.alarmhub.gateway.push.tcp;

import com.fasterxml.jackson.databind.ObjectReader;
import io.alarmhub.gateway.push.protocol.PushJson;

/** The push faces' JSON reader, refusing anything after the first value: one line is one request. */
final class StrictJson {

    static final ObjectReader READER = PushJson.JSON.reader();

    private StrictJson() {
    }
}
