package io.alarmhub.gateway.device.jovision;

import io.alarmhub.gateway.json.NetworkJson;

/**
 * The adapter's JSON: {@link NetworkJson}'s limits, one value per line, numbers kept with their digits so
 * that {@code raw} and the echoed {@code mid} and {@code ats} are what the device sent. Device messages are
 * flat, so nesting stops at 16 levels.
 */
final class JovisionJson {

    static final NetworkJson JSON = NetworkJson.withMaxDepth(16);

    private JovisionJson() {
    }
}
