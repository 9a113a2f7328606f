/**
 * What Hemu cameras report of themselves over time, beside their events: daily statistics (5.2.12) kept per
 * camera and UTC day and summarised in the metrics, resolution changes (5.2.11.3) as status events, panorama
 * pictures (5.2.11.7) collected into sets and pushed to the owners once whole, and the RestServer routes
 * ({@code /hemu/people/…}, {@code /hemu/statistics/…}) through which the owners' app back ends read people
 * counts and statistics. People counts themselves arrive as events ({@code DevEventCmd} type 4) and are
 * stored with their status event by the platform's {@code GatewayCalls}.
 */
package io.alarmhub.gateway.device.hemu.reports;
