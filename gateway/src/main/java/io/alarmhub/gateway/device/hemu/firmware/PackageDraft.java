package io.alarmhub.gateway.device.hemu.firmware;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator says of a package before alarmhub has it: everything of a {@link FirmwarePackage} but what
 * the bytes themselves give (their MD5 and length) and where they are kept.
 *
 * @param serviceType 1 firmware, 2 camera app
 * @param version     {@code newServiceVersion}
 * @param models      the model ids it is for, lower case
 * @param name        the file's name, for people
 * @param checkSum    the MD5 the operator expects, when given: a package whose bytes have another is refused
 */
public record PackageDraft(int serviceType, String version, List<String> models, String name,
                           Optional<String> checkSum) {

    public PackageDraft {
        Objects.requireNonNull(version, "version");
        models = List.copyOf(models);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checkSum, "checkSum");
    }
}
