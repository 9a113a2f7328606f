/**
 * The Hemu routes of the RestServer ({@code /hemu/…/{token}}), for app back ends acting for their users:
 * registration tokens and their QR codes, wired bindings, cameras, settings and unbinding.
 */
package io.alarmhub.gateway.device.hemu.app;
