package io.alarmhub.gateway.device.vstarcam.cgi;

/** A camera's CGI could not be reached, refused the login, or answered a failure. Never names the password. */
public class CameraCgiException extends Exception {

    public CameraCgiException(String message) {
        super(message);
    }

    public CameraCgiException(String message, Throwable cause) {
        super(message, cause);
    }
}
