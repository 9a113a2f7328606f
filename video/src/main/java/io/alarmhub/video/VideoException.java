package io.alarmhub.video;

/** Camera media that cannot be used as it is: malformed parameter sets, a frame past its limits. */
public class VideoException extends RuntimeException {

    public VideoException(String message) {
        super(message);
    }
}
