package io.alarmhub.gateway.device.hemu;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The document's rule for a {@code deviceModelId} (1.2.2.4): the manufacturer's access key, {@code _}, then
 * at most 16 letters, digits and {@code _}, e.g. {@code Zhejiang_zj_cnmobile_001}; compared without regard
 * to case (5.1).
 */
public final class ModelIds {

    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_]{1,16}");

    private ModelIds() {
    }

    public static boolean valid(String accessKey, String modelId) {
        String prefix = accessKey + "_";
        return modelId.length() > prefix.length() && modelId.regionMatches(true, 0, prefix, 0, prefix.length())
                && SUFFIX.matcher(modelId.substring(prefix.length())).matches();
    }

    /** The form two model ids are compared in. */
    public static String normalise(String modelId) {
        return modelId.toLowerCase(Locale.ROOT);
    }
}
