/**
 * Each Hemu camera's plan ({@code device_status}, {@code service_days}) and thumbnail request
 * ({@code thumbnail_span}, {@code thumbnail_width}, {@code thumbnail_height}), 5.2.1 and 5.2.8: what operators set
 * for a camera over the RestServer's {@code /hemu/admin/plan/} route, stored as vendor records, told to the camera
 * in its login answer and, while it is connected, at once ({@code DevServerCmd} types 7 and 9), and announced to
 * its owners as a {@code status} event when the camera learns it. A camera without a plan of its own has the
 * configured one ({@code hemu.hedgw.plan}, {@code service-days}, {@code hemu.thumbnails}).
 */
package io.alarmhub.gateway.device.hemu.plan;
