/**
 * VStarcam cameras (HTTP, port 9920 by default). A camera POSTs a heartbeat, {@code {"vuid":"VC0000000ABCD"}},
 * every {@code heartbeatTime} seconds to its {@code heartbeatServer} ({@code /vstarcam/heartbeat}), and each
 * alarm as {@code multipart/form-data} with {@code vuid}, {@code type}, a {@code picture} file and an optional
 * {@code video} file to {@code alarmPushMainServer} / {@code alarmPushSubServer} ({@code /vstarcam/alarm}).
 * Both are answered {@code {"code":"200","message":"Success"}} once what they carry is durable; a failure
 * is answered with its HTTP status as {@code code} and the reason as {@code message}.
 *
 * <p>The push carries no time: the alarm's time is when its request arrived. {@code type} comes as decimal
 * or {@code 0x} hex text ({@link io.alarmhub.gateway.device.vstarcam.VStarcamAlarmTypes}); unknown codes are
 * kept. Files stream to the upload directory part by part ({@link io.alarmhub.gateway.device.vstarcam.AlarmUpload})
 * and go to the media store off the event loop. A first heartbeat is an {@code Online} event; the next
 * ones only mark the camera as seen, and the intake's sweeper declares it offline after
 * {@code heartbeatTimeout} of silence.
 *
 * <p>The listener stands on the shared HTTP core ({@link io.alarmhub.gateway.http}), which
 * {@link io.alarmhub.gateway.device.vstarcam.VStarcamFace} tells how a refusal reads and which request heads
 * to refuse before their body. A new vendor's HTTP API does the same: a face and its handler.
 *
 * <p>{@link io.alarmhub.gateway.device.vstarcam.cgi} configures a camera through its CGI so that it pushes here.
 */
package io.alarmhub.gateway.device.vstarcam;
