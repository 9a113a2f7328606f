/**
 * Apps' commands to Hemu cameras (5.2.9, 5.2.10) and the cameras' answers (5.2.11): the catalogue of the
 * commands an app may send ({@link io.alarmhub.gateway.device.hemu.command.CommandCatalogue}), each value checked
 * before anything reaches a camera; the capabilities a camera must have reported for each
 * ({@link io.alarmhub.gateway.device.hemu.command.Capability}); the bounded table of commands waiting for their
 * answers ({@link io.alarmhub.gateway.device.hemu.command.WaitingAnswers}); the vendor's
 * {@link io.alarmhub.gateway.command.DeviceCommander} ({@link io.alarmhub.gateway.device.hemu.command.HemuCommander}),
 * which stores the settings a camera acknowledged into its online configuration before the app hears of it; and the
 * RestServer's {@code POST /hemu/command/{deviceId}/{token}}
 * ({@link io.alarmhub.gateway.device.hemu.command.CommandRoute}).
 */
package io.alarmhub.gateway.device.hemu.command;
