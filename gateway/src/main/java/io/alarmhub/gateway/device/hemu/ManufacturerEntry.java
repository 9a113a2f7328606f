package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.Sections;

import java.util.List;

/**
 * One manufacturer as {@code hemu.manufacturers} lists it. The access secret itself is never in the YAML:
 * it is read from {@code secret-file} (relative to {@code data.dir}, readable by the server's user only) or
 * from the environment variable {@code secret-env}. {@code alarmhub hemu manufacturer} makes both key and
 * secret and prints this entry.
 *
 * @param name       the manufacturer's name, for the log
 * @param accessKey  its {@code accessKey}: 1-32 of A-Z a-z 0-9 _ . -
 * @param secretFile where its access secret is kept; empty when {@code secret-env} gives it
 * @param secretEnv  the environment variable that holds the secret instead; empty when the file does
 * @param models     its {@code deviceModelId}s: the access key, {@code _}, then 1-16 of letters, digits and
 *                   {@code _}; matched without regard to case
 */
public record ManufacturerEntry(String name, String accessKey, String secretFile, String secretEnv,
                                List<String> models) {

    public ManufacturerEntry {
        Sections.present("name", name);
        Sections.present("access-key", accessKey);
        if (!ModelIds.validAccessKey(accessKey)) {
            throw new IllegalArgumentException("access-key: '" + accessKey + "' is not 1-32 of A-Z a-z 0-9 _ . -");
        }
        secretFile = secretFile == null ? "" : secretFile.trim();
        secretEnv = secretEnv == null ? "" : secretEnv.trim();
        if (secretFile.isEmpty() == secretEnv.isEmpty()) {
            throw new IllegalArgumentException("secret-file or secret-env: " + accessKey
                    + " needs exactly one of them, to say where its access secret is");
        }
        models = List.copyOf(models == null ? List.of() : models);
        for (String model : models) {
            if (!ModelIds.valid(accessKey, model)) {
                throw new IllegalArgumentException("models: " + model + " is not " + accessKey
                        + "_ followed by 1-16 letters, digits or _");
            }
        }
    }
}
