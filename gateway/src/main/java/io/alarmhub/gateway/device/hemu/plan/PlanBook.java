package io.alarmhub.gateway.device.hemu.plan;

/**
 * What the HEDGW asks of cameras' plans when a camera logs in: the plan its login answer tells
 * ({@code DevLoginResp} {@code device_status}, {@code service_days}), and what follows the answer on its live
 * connection.
 */
public interface PlanBook {

    /** The camera's plan: its own values, the configured ones for the rest. */
    CameraPlan planOf(String deviceId);

    /**
     * The camera's live connection has just been answered its login with {@code told}; called on that connection's
     * thread, right after the answer was written. It is then asked for thumbnails ({@code DevServerCmd} type 9)
     * when their span is above 0, and its owners hear of its plan when it is not the one they heard of last.
     */
    void loggedIn(String deviceId, CameraPlan told);
}
