package io.alarmhub.gateway.device.hemu;

import io.alarmhub.gateway.device.Sections;

import java.time.Duration;

/**
 * How apps' commands to cameras are handled ({@code hemu.commands}).
 *
 * @param answerTimeout how long a command waits for the camera's answer before the app is told it timed out
 * @param maxWaiting    commands waiting for answers on this node at once; past it, a command is refused busy
 */
public record CommandSettings(Duration answerTimeout, int maxWaiting) {

    public static final CommandSettings DEFAULT = new CommandSettings(Duration.ofSeconds(10), 10_000);

    public CommandSettings {
        Sections.positive("commands.answer-timeout", answerTimeout);
        Sections.positive("commands.max-waiting", maxWaiting);
    }
}
