package io.alarmhub.gateway.device.hemu;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ModelIds: the access key, an underscore, then 1 to 16 of letters, digits and underscores. */
class ModelIdsTest {

    @Test
    void acceptsTheKeyInAnyCaseThenOneToSixteenOfLettersDigitsAndUnderscores() {
        assertThat(ModelIds.valid("3rdx01", "3rdx01_C20")).isTrue();
        assertThat(ModelIds.valid("3rdx01", "3RDX01_c20")).isTrue();
        assertThat(ModelIds.valid("3RDX01", "3rdx01_c")).isTrue();
        assertThat(ModelIds.valid("3rdx01", "3rdx01_" + "a".repeat(16))).isTrue();
        assertThat(ModelIds.valid("3rdx01", "3rdx01___")).isTrue();
        assertThat(ModelIds.valid("k", "k_1")).isTrue();
    }

    @Test
    void refusesAnythingElse() {
        assertThat(ModelIds.valid("3rdx01", "3rdx01_")).as("nothing after _").isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx01")).isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx01_" + "a".repeat(17))).as("17 after _").isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx01-C20")).isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx01_C-20")).isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx01_C 20")).isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx0_C20")).as("another key").isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx012_C20")).as("a longer key").isFalse();
        assertThat(ModelIds.valid("3rdx01", "x3rdx01_C20")).isFalse();
        assertThat(ModelIds.valid("3rdx01", "3rdx01_Ç20")).as("ASCII letters only").isFalse();
        assertThat(ModelIds.valid("3rdx01", "")).isFalse();
    }

    @Test
    void noModelIdIsValidForAnInvalidKey() {
        assertThat(ModelIds.valid("", "_C20")).isFalse();
        assertThat(ModelIds.valid("5e2abe86 6aa", "5e2abe86 6aa_C20")).isFalse();
        assertThat(ModelIds.valid("a".repeat(33), "a".repeat(33) + "_C20")).isFalse();
        assertThat(ModelIds.validAccessKey("a".repeat(32))).isTrue();
        assertThat(ModelIds.validAccessKey("AbC123")).isTrue();
        assertThat(ModelIds.validAccessKey("a b")).isFalse();
        assertThat(ModelIds.validAccessKey("5e2abe86-6aa")).as("the document's own example key").isTrue();
        assertThat(ModelIds.valid("5e2abe86-6aa", "5e2abe86-6aa_C20")).isTrue();
    }

    @Test
    void normalisesToLowerCaseWhateverTheDefaultLocale() {
        assertThat(ModelIds.normalise("3RDX01_C20")).isEqualTo("3rdx01_c20");
        assertThat(ModelIds.normalise("ABCDEFGHIJKLMNOPQRSTUVWXYZ_I")).isEqualTo("abcdefghijklmnopqrstuvwxyz_i");
        assertThat(ModelIds.normalise("3RDX01_C20")).isEqualTo(ModelIds.normalise("3rdx01_c20"));
    }

    @Test
    void nullIsAProgrammingError() {
        assertThatThrownBy(() -> ModelIds.valid(null, "k_1")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ModelIds.valid("k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ModelIds.normalise(null)).isInstanceOf(NullPointerException.class);
    }
}
