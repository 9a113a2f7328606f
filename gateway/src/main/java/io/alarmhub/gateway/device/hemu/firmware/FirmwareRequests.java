package io.alarmhub.gateway.device.hemu.firmware;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.alarmhub.gateway.device.hemu.Manufacturers;
import io.alarmhub.gateway.device.hemu.ModelIds;
import io.alarmhub.gateway.json.NetworkJson;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the operators' bodies of the firmware routes; whatever is not as the route takes it is refused 400
 * ({@link FirmwareRefusal}) with a message that names the field, never echoing a value that could be long.
 */
final class FirmwareRequests {

    /** As the document's {@code 1.0.0.526} and {@code 2.15.301}. */
    static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    static final Pattern PACKAGE_ID = Pattern.compile("[0-9a-f]{12}");
    static final Pattern ROLLOUT_ID = Pattern.compile("[0-9a-f]{12}");
    static final Pattern DEVICE_ID = Pattern.compile("[0-9]{15}");
    private static final Pattern MD5 = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final Pattern NAME = Pattern.compile("[^/\\\\\\p{Cntrl}]{1,128}");
    private static final int MAX_MODELS = 100;
    private static final int MAX_URL = 2048;
    /** The most cameras a rollout names one by one. */
    static final int MAX_DEVICES = 10_000;

    private FirmwareRequests() {
    }

    /** Where the bytes of a package come from. */
    sealed interface Source {
        /** alarmhub fetches them from here (http or https). */
        record FromUrl(URI url) implements Source {
        }

        /** The operator uploads them in pieces, {@code size} bytes in all. */
        record Upload(long size) implements Source {
        }
    }

    /** A request to register a package. */
    record PackageRequest(PackageDraft draft, Source source) {
    }

    /** A request to start a rollout. */
    record RolloutRequest(String packageId, Selection selection) {
    }

    static JsonNode body(String text) {
        try {
            JsonNode json = NetworkJson.standard().reader().readTree(text);
            if (json == null || !json.isObject()) {
                throw FirmwareRefusal.bad("the body is a JSON object");
            }
            return json;
        } catch (JsonProcessingException | NumberFormatException e) {
            // NumberFormatException: a number beyond BigDecimal (an exponent overflow), which the reader lets out
            throw FirmwareRefusal.bad("the body is not JSON");
        }
    }

    /**
     * {@code {"serviceType":1|2,"version":…,"models":[…],"url":…}} or {@code {…,"size":N,"name":…}}; with an
     * optional {@code checkSum} the bytes must have. A model must be one a configured manufacturer makes.
     */
    static PackageRequest packageRequest(JsonNode body, Manufacturers makers, long maxBytes) {
        JsonNode type = body.path("serviceType");
        if (!type.isInt() || (type.asInt() != 1 && type.asInt() != 2)) {
            throw FirmwareRefusal.bad("serviceType: 1 (firmware) or 2 (camera app)");
        }
        String version = text(body, "version", VERSION, "1 to 64 of A-Z a-z 0-9 . _ + -");
        JsonNode list = body.path("models");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_MODELS) {
            throw FirmwareRefusal.bad("models: a list of 1 to " + MAX_MODELS + " model ids");
        }
        Set<String> models = new LinkedHashSet<>();
        for (JsonNode m : list) {
            if (!m.isTextual() || m.asText().length() > 64 || !makers.anyMakes(m.asText())) {
                throw FirmwareRefusal.bad("models: each a model id of a manufacturer in hemu.manufacturers");
            }
            models.add(model(m.asText()));
        }
        Optional<String> checkSum = body.has("checkSum")
                ? Optional.of(text(body, "checkSum", MD5, "32 hex digits (MD5)").toLowerCase(Locale.ROOT))
                : Optional.empty();
        if (body.has("url") == body.has("size")) {
            throw FirmwareRefusal.bad("url or size: a URL to fetch the package from, or the size of the upload"
                    + " that follows (one of them)");
        }
        Source source;
        String name;
        if (body.has("url")) {
            URI url = url(body.path("url"));
            source = new Source.FromUrl(url);
            String path = Optional.ofNullable(url.getPath()).orElse("");
            String last = path.substring(path.lastIndexOf('/') + 1);
            name = NAME.matcher(last).matches() ? last : "package.bin";
        } else {
            JsonNode size = body.path("size");
            if (!size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 1) {
                throw FirmwareRefusal.bad("size: the package's length in bytes, at least 1");
            }
            if (size.asLong() > maxBytes) {
                throw new FirmwareRefusal(FirmwareRefusal.Kind.TOO_LARGE, "size: " + size.asLong()
                        + " bytes is more than hemu.firmware.max-package-bytes (" + maxBytes + ")");
            }
            source = new Source.Upload(size.asLong());
            name = "package.bin";
        }
        if (body.has("name")) {
            name = text(body, "name", NAME, "a file name of 1 to 128 characters");
        }
        return new PackageRequest(new PackageDraft(type.asInt(), version, List.copyOf(models), name, checkSum),
                source);
    }

    /** {@code {"package":…,"devices":[…]}} or {@code {"package":…,"model":…[,"version":…]}}. */
    static RolloutRequest rolloutRequest(JsonNode body) {
        String packageId = text(body, "package", PACKAGE_ID, "a package's id");
        if (body.has("devices") == body.has("model")) {
            throw FirmwareRefusal.bad("devices or model: the cameras by id, or those of a model (one of them)");
        }
        if (body.has("devices")) {
            JsonNode list = body.path("devices");
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_DEVICES) {
                throw FirmwareRefusal.bad("devices: a list of 1 to " + MAX_DEVICES + " deviceIds");
            }
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode id : list) {
                if (!id.isTextual() || !DEVICE_ID.matcher(id.asText()).matches()) {
                    throw FirmwareRefusal.bad("devices: each a deviceId of 15 digits");
                }
                ids.add(id.asText());
            }
            return new RolloutRequest(packageId, new Selection.Devices(new ArrayList<>(ids)));
        }
        JsonNode model = body.path("model");
        if (!model.isTextual() || model.asText().isEmpty() || model.asText().length() > 64) {
            throw FirmwareRefusal.bad("model: a model id");
        }
        Optional<String> version = body.has("version")
                ? Optional.of(text(body, "version", VERSION, "the version the cameras have now")) : Optional.empty();
        return new RolloutRequest(packageId, new Selection.Model(model(model.asText()), version));
    }

    /** A model id in the form model ids are compared in. */
    static String model(String model) {
        return ModelIds.normalise(model);
    }

    private static URI url(JsonNode value) {
        if (!value.isTextual() || value.asText().length() > MAX_URL) {
            throw FirmwareRefusal.bad("url: an http or https URL of at most " + MAX_URL + " characters");
        }
        try {
            URI url = new URI(value.asText());
            String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw FirmwareRefusal.bad("url: an http or https URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw FirmwareRefusal.bad("url: not a URL");
        }
    }

    private static String text(JsonNode body, String name, Pattern pattern, String what) {
        JsonNode value = body.path(name);
        if (!value.isTextual() || !pattern.matcher(value.asText()).matches()) {
            throw FirmwareRefusal.bad(name + ": " + what);
        }
        return value.asText();
    }
}
