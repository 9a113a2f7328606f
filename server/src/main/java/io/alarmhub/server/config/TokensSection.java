package io.alarmhub.server.config;

import java.time.Duration;
import java.util.List;

import static io.alarmhub.server.config.SectionChecks.hexKey;
import static io.alarmhub.server.config.SectionChecks.list;
import static io.alarmhub.gateway.device.Sections.positive;

/**
 * REST API tokens ({@code tokens}).
 *
 * @param key    32 hex characters; better from {@code ALARMHUB_TOKEN_KEY}. Empty: one is generated into
 *               {@code data.dir/token.key}
 * @param apps   app ids that may use the REST API; at least one, or no request could be made
 * @param window how far a token's time may be from the server clock; for alias tokens, how far the clocks of
 *               the nodes sharing the key may disagree
 * @param aliasTokenValidity how long an alias token minted by {@code POST /alias_token/{token}} proves its alias
 */
public record TokensSection(String key, List<String> apps, Duration window, Duration aliasTokenValidity) {

    public static final TokensSection DEFAULT = new TokensSection("", List.of("alarmhub"), Duration.ofSeconds(300),
            Duration.ofHours(24));

    public TokensSection {
        hexKey("key", key, 32);
        apps = list("apps", apps);
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("apps: must name at least one app");
        }
        positive("window", window);
        positive("alias-token-validity", aliasTokenValidity);
    }

    public TokensSection withKey(String key) {
        return new TokensSection(key, apps, window, aliasTokenValidity);
    }

    /** Leaves the key out: configurations get logged. */
    @Override
    public String toString() {
        return "TokensSection[key=" + (key.isEmpty() ? "" : "(set)") + ", apps=" + apps + ", window=" + window
                + ", aliasTokenValidity=" + aliasTokenValidity + "]";
    }
}
