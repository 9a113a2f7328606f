package io.alarmhub.gateway.device.hemu;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Hemu rules for a manufacturer's access key and its camera model ids. A model id is the
 * manufacturer's access key, {@code _}, then 1 to 16 letters, digits or {@code _} ({@code 3rdx01_C20}).
 * The key part matches in any case, so that a model id written {@code 3RDX01_C20} still belongs to key
 * {@code 3rdx01}; model ids are therefore compared in their {@link #normalise normalised} form.
 */
public final class ModelIds {

    /**
     * The document says keys have no hyphen (1.2.2.3), yet its own example key is {@code 5e2abe86-6aa}: a
     * configured key may have one (the WSSE Username is split at its last hyphen); {@code alarmhub hemu
     * manufacturer} makes keys of letters and digits only.
     */
    private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_]{1,16}");

    private ModelIds() {
    }

    /** Whether {@code accessKey} is 1 to 32 of A-Z a-z 0-9 _ . -. */
    public static boolean validAccessKey(String accessKey) {
        return ACCESS_KEY.matcher(Objects.requireNonNull(accessKey, "accessKey")).matches();
    }

    /**
     * Whether {@code modelId} is a model id of the manufacturer with {@code accessKey}: the key (in any case),
     * {@code _}, then 1 to 16 letters, digits or {@code _}. False for any model id when the key itself is not valid.
     */
    public static boolean valid(String accessKey, String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        if (!validAccessKey(accessKey)) {
            return false;
        }
        int key = accessKey.length();
        return modelId.length() > key + 1
                && modelId.regionMatches(true, 0, accessKey, 0, key)
                && modelId.charAt(key) == '_'
                && SUFFIX.matcher(modelId).region(key + 1, modelId.length()).matches();
    }

    /** The form in which two model ids are the same model: lower case (the ids are ASCII, so the locale cannot matter). */
    public static String normalise(String modelId) {
        return Objects.requireNonNull(modelId, "modelId").toLowerCase(Locale.ROOT);
    }
}
