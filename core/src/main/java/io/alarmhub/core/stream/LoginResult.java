package io.alarmhub.core.stream;

import java.util.Objects;

/**
 * The answer to an enterprise's login: sent as {@code enterprise_login_res} with {@code data.result} and
 * {@code data.msg}. A failed login ends the connection.
 */
public record LoginResult(boolean ok, String message) {

    public static final LoginResult OK = new LoginResult(true, "ok");

    public LoginResult {
        Objects.requireNonNull(message, "message");
    }

    public static LoginResult failed(String message) {
        return new LoginResult(false, message);
    }
}
