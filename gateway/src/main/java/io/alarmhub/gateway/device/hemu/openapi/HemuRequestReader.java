package io.alarmhub.gateway.device.hemu.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.AddCamera;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetBindInfo;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetChannelAddress;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.GetSettings;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetCapacity;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetInfo;
import io.alarmhub.gateway.device.hemu.openapi.HemuRequest.SetSettings;
import io.alarmhub.gateway.json.NetworkJson;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@link HemuRequest}s, in the order of checks that {@link HemuRequest#create} documents. */
final class HemuRequestReader {

    /**
     * Messages are flat (an object in an object at most); 16 levels leave room for what a camera adds that
     * is not read. Trailing commas are read because vendor documents
     * and the cameras built from them have them; a name given twice is JSON_PARSE, as it could mean either.
     */
    private static final ObjectReader JSON = NetworkJson.withMaxDepthAndTrailingCommas(16).reader()
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    private static final int MAX_STRING_BYTES = 1024;
    private static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{12}");
    private static final Pattern ANGLE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?(:-?[0-9]+(\\.[0-9]+)?){5}");
    private static final Set<String> ON_OFF = Set.of("On", "Off");
    private static final Set<String> BIT = Set.of("0", "1");

    private static final String DEVICE_ID_FIELD = "deviceId";
    private static final String MAC_FIELD = "deviceMacAddress";
    private static final String TOKEN = "deviceToken";
    private static final Map<String, List<String>> REQUIRED = Map.of(
            AddCamera.MSG_TYPE, List.of(DEVICE_ID_FIELD, MAC_FIELD, "userMobile", "userToken", "deviceModelId"),
            GetBindInfo.MSG_TYPE, List.of(DEVICE_ID_FIELD),
            SetCapacity.MSG_TYPE, List.of(DEVICE_ID_FIELD, TOKEN, "supportKey"),
            GetChannelAddress.MSG_TYPE, List.of(DEVICE_ID_FIELD, TOKEN),
            GetSettings.MSG_TYPE, List.of(DEVICE_ID_FIELD, TOKEN),
            SetSettings.MSG_TYPE, List.of(DEVICE_ID_FIELD, TOKEN, "camParam"),
            SetInfo.MSG_TYPE, List.of(DEVICE_ID_FIELD, TOKEN, "firmwareVersion", "cameraAppVersion"));

    private HemuRequestReader() {
    }

    static HemuRequest read(String jsonObject) {
        if (jsonObject.isBlank()) {
            throw new OpenApiException(ErrorCode.EMPTY_JSON, "jsonObject is empty");
        }
        JsonNode json;
        try {
            json = JSON.readTree(jsonObject);
        } catch (JsonProcessingException | NumberFormatException e) {
            // Jackson reads a float into a BigDecimal as it builds the tree, and throws NumberFormatException,
            // not a parse error, for an exponent beyond an int (1e34567894562): found by HemuOpenApiFuzzTest.
            throw new OpenApiException(ErrorCode.JSON_PARSE, "jsonObject is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new OpenApiException(ErrorCode.BAD_REQUEST, "jsonObject is not a JSON object");
        }
        HemuFields untyped = HemuFields.of(json);
        JsonNode type = untyped.node("msgType").orElse(null);
        if (type == null || !type.isTextual()) {
            throw new OpenApiException(ErrorCode.BAD_REQUEST, "msgType is missing or not a string");
        }
        String msgType = type.textValue();
        List<String> required = REQUIRED.get(msgType);
        if (required == null) {
            throw new OpenApiException(ErrorCode.BAD_REQUEST, "unknown msgType " + OpenApiException.shown(msgType));
        }
        HemuFields fields = untyped.respondingAs(HemuRequest.responseTypeOf(msgType));
        fields.require(required);
        String deviceId = deviceId(fields);
        Optional<String> mac = mac(fields);
        checkStringLengths(json, fields);
        return switch (msgType) {
            case AddCamera.MSG_TYPE -> addCamera(fields, deviceId, mac);
            case GetBindInfo.MSG_TYPE -> new GetBindInfo(deviceId, mac);
            case SetCapacity.MSG_TYPE -> new SetCapacity(deviceId, mac, fields.text(TOKEN), supportKey(fields));
            case GetChannelAddress.MSG_TYPE -> new GetChannelAddress(deviceId, mac, fields.text(TOKEN));
            case GetSettings.MSG_TYPE -> new GetSettings(deviceId, mac, fields.text(TOKEN));
            case SetSettings.MSG_TYPE -> new SetSettings(deviceId, mac, fields.text(TOKEN), camParam(fields));
            case SetInfo.MSG_TYPE -> new SetInfo(deviceId, mac, fields.text(TOKEN),
                    fields.optionalText("deviceModelId"), fields.text("firmwareVersion"),
                    fields.text("cameraAppVersion"));
            default -> throw new IllegalStateException("REQUIRED names the types this switch reads");
        };
    }

    private static String deviceId(HemuFields fields) {
        JsonNode node = fields.node(DEVICE_ID_FIELD).orElseThrow();
        if (!(node.isTextual() || node.isIntegralNumber()) || !DEVICE_ID.matcher(node.asText()).matches()) {
            throw fields.error(ErrorCode.INVALID_DEVICE_ID, "deviceId is not 15 digits");
        }
        return node.asText();
    }

    private static Optional<String> mac(HemuFields fields) {
        Optional<String> mac = fields.node(MAC_FIELD)
                .filter(node -> !node.isTextual() || !node.textValue().isBlank())
                .map(node -> node.isTextual() || node.isNumber() ? node.asText() : "");
        if (mac.isPresent() && !MAC.matcher(mac.get()).matches()) {
            throw fields.bad("deviceMacAddress is not 12 hex digits");
        }
        return mac.map(text -> text.toLowerCase(Locale.ROOT));
    }

    /** Refuses any string value, at any depth, over {@link #MAX_STRING_BYTES} bytes of UTF-8. */
    private static void checkStringLengths(JsonNode node, HemuFields fields) {
        if (node.isTextual()) {
            String text = node.textValue();
            // Only a long string can be too long in bytes; most skip the encoding.
            if (text.length() * 3 > MAX_STRING_BYTES
                    && text.getBytes(StandardCharsets.UTF_8).length > MAX_STRING_BYTES) {
                throw fields.bad("a string value is over " + MAX_STRING_BYTES + " bytes");
            }
        }
        for (JsonNode child : node) {
            checkStringLengths(child, fields);
        }
    }

    private static AddCamera addCamera(HemuFields fields, String deviceId, Optional<String> mac) {
        CameraComment comment = CameraComment.create(fields.node("comment"), fields);
        return new AddCamera(deviceId, mac, fields.text("userMobile"), fields.text("userToken"),
                fields.text("deviceModelId"), fields.oneOf("registMode", BIT), comment.hardware(),
                comment.features());
    }

    private static Map<String, Integer> supportKey(HemuFields fields) {
        HemuFields flags = fields.nested("supportKey");
        Map<String, Integer> supported = new LinkedHashMap<>();
        for (String flag : SetCapacity.SUPPORT_KEYS) {
            flags.oneOf(flag, BIT).ifPresent(bit -> supported.put(flag, Integer.valueOf(bit)));
        }
        return Collections.unmodifiableMap(supported);
    }

    private static CamParam camParam(HemuFields fields) {
        HemuFields param = fields.nested("camParam");
        Optional<String> bino = param.optionalText("binoParam");
        Optional<String> capitalBino = param.optionalText("BinoParam");
        if (bino.isPresent() && capitalBino.isPresent()) {
            throw fields.bad("camParam gives both binoParam and BinoParam");
        }
        Optional<String> angle = param.optionalText("deviceAngle");
        if (angle.isPresent() && !ANGLE.matcher(angle.get()).matches()) {
            throw fields.bad("camParam.deviceAngle is not six colon-separated numbers");
        }
        return new CamParam(onOff(param, "status"), onOff(param, "personStatus"), param.optionalText("wifiSSID"),
                param.oneOf("sdcardStatus", Set.of("1", "2", "3")).map(Integer::valueOf),
                bino.or(() -> capitalBino), angle);
    }

    /** {@code On} or {@code Off}, read in any case. */
    private static Optional<String> onOff(HemuFields param, String name) {
        Optional<String> text = param.optionalText(name);
        Optional<String> read = text.flatMap(value -> ON_OFF.stream().filter(value::equalsIgnoreCase).findFirst());
        if (text.isPresent() && read.isEmpty()) {
            throw param.bad("camParam." + name + " is not On or Off");
        }
        return read;
    }
}
