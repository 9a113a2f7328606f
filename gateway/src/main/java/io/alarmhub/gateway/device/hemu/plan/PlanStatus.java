package io.alarmhub.gateway.device.hemu.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The plans a camera may be on ({@code device_status}, 5.2.1 and 5.2.8), with the words apps and the CLI use for
 * them. 44 ("the device has been deleted") is no plan: it is what unbinding tells a camera, never an operator.
 */
public enum PlanStatus {

    /** 0, 试用套餐: a trial. */
    TRIAL(0, "trial"),
    /** 1, 带云套餐: with cloud recording; the camera uploads its audio and video. */
    CLOUD(1, "cloud"),
    /** 2, 服务过期: the service has expired; the camera uploads no video. */
    EXPIRED(2, "expired"),
    /** 3, 事件录制套餐: recording around events only (4-5 s before, 10 s after). */
    EVENT(3, "event");

    private final int code;
    private final String word;

    PlanStatus(int code, String word) {
        this.code = code;
        this.word = word;
    }

    /** Its {@code device_status}. */
    public int code() {
        return code;
    }

    /** Its name in status events, answers and on the command line. */
    public String word() {
        return word;
    }

    /** The plan of a {@code device_status}; empty for 44 and anything else that is no plan. */
    public static Optional<PlanStatus> of(long code) {
        return Arrays.stream(values()).filter(s -> s.code == code).findFirst();
    }

    /** The plan of a word ({@code cloud}) or of its number as text ({@code 1}), in any case. */
    public static Optional<PlanStatus> named(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.word.equals(t) || Integer.toString(s.code).equals(t))
                .findFirst();
    }
}
