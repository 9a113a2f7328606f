package io.alarmhub.gateway.device.hemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Wi-Fi a camera joins (5.2.9.15): {@code encryption} (the document writes {@code WPA/WPA2}: 1–32 printable
 * ASCII characters), {@code ssid} (1–32 bytes, 802.11's limit), {@code bssid} (six hexadecimal octets separated
 * by colons, of one or two digits each, as the document's example {@code 14:E6:E4:80:08:D} has them; or empty,
 * for "any access point of this network") and {@code key} (0–64 bytes: none for an open network, WPA's longest
 * otherwise). Never logged, never in a refusal's message.
 */
record WifiParams() implements Params {

    private static final Pattern ENCRYPTION = Pattern.compile("[\\x21-\\x7e]([\\x20-\\x7e]*[\\x21-\\x7e])?");
    private static final Pattern BSSID = Pattern.compile("(([0-9A-Fa-f]{1,2}:){5}[0-9A-Fa-f]{1,2})?");

    @Override
    public ObjectNode read(JsonNode source, Form form, String where) {
        String prefix = where + ": " + (form == Form.RAW ? "requestParams." : "");
        return JsonNodeFactory.instance.objectNode()
                .put("encryption", Checks.text(source.path("encryption"), prefix + "encryption", 1, 32, ENCRYPTION,
                        "1 to 32 printable ASCII characters, e.g. WPA/WPA2"))
                .put("ssid", Checks.text(source.path("ssid"), prefix + "ssid", 1, 32, null,
                        "text of 1 to 32 bytes (UTF-8) without control characters"))
                .put("bssid", Checks.text(source.path("bssid"), prefix + "bssid", 0, 17, BSSID,
                        "six hexadecimal octets separated by colons, e.g. 14:E6:E4:80:08:0D, or empty"))
                .put("key", Checks.text(source.path("key"), prefix + "key", 0, 64, null,
                        "text of 0 to 64 bytes (UTF-8) without control characters"));
    }

    @Override
    public Set<String> fields() {
        return Set.of("encryption", "ssid", "bssid", "key");
    }
}
