package io.alarmhub.gateway.device.hemu.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A registration token an app asked for one of its users: the camera that presents its {@code userToken}
 * with the same {@code userMobile} before it expires is registered to {@code alias}. Kept by the hash of the
 * token (vendor record of kind {@code grant}); usable more than once until it expires, so that a camera
 * whose answer was lost can register again.
 */
public record Grant(String tokenHash, String alias, String mobile, Instant expires) {

    public boolean liveAt(Instant now) {
        return now.isBefore(expires);
    }

    ObjectNode json() {
        return JsonNodeFactory.instance.objectNode().put("alias", alias).put("mobile", mobile)
                .put("expires", expires.toString());
    }

    static Grant of(String tokenHash, JsonNode json) {
        return new Grant(tokenHash, json.path("alias").asText(), json.path("mobile").asText(),
                Instant.parse(json.path("expires").asText()));
    }
}
