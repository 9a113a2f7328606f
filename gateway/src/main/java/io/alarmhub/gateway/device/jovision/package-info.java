/**
 * The Jovision CloudSEE alarm server (TCP 12008): devices keep a connection open and send one JSON object
 * per line; the server answers each with a JSON line. The vendor's CloudSEE alarm protocol document is the
 * specification ({@code docs/device-events.md}); this package follows their field names ({@code mt}, {@code mid}, {@code dguid},
 * {@code ats}, {@code amt}, {@code atype}, {@code apic}, {@code avd}/{@code avideo}, …).
 *
 * <pre>
 * idle      IdleTimeout             reader idle past heartbeatTimeout → Offline events, connection closed
 * frames    JovisionFrameDecoder    bytes → lines: CRLF or LF, optional leading "@#1$6", bounded
 * messages  JovisionMessageDecoder  line → JovisionMessage (Online, Heartbeat, Offline, Alarm, FtpAlarm,
 *                                   CloudAlarm, or Malformed)
 * jovision  JovisionHandler         message → DeviceEvent → DeviceEvents; replies in request order
 * </pre>
 *
 * <h2>Requests and replies</h2>
 * <pre>
 * 2201 online      → Online (dname, remote address)               reply 2202 {mt,rt,mid,dguid}
 * 2203 heartbeat   → Online if the device is not online, else
 *                    only DeviceEvents.seen                       reply 2204 {mt,rt,mid,dguid}
 * 2205 offline     → Offline("goodbye")                            reply 2206 {mt,rt,mid,dguid}
 * 2219 alarm       → Alarm, media = the device's names as URLs     reply 2220 {mt,rt,mid,dguid,ats}
 * 2221 FTP  amt:0  → Alarm ref dguid:ats, media it names (template)  reply 2222 {mt,rt,mid,dguid,ats}
 *           amt:1  → AlarmMediaReady(PICTURE, template URL)
 *           amt:2  → AlarmMediaReady(VIDEO, template URL)
 * 2223 cloud       → as 2221                                       reply 2224 {mt,rt,mid,dguid,ats}
 * </pre>
 * {@code rt} is 0 only once {@link io.alarmhub.core.event.DeviceEvents#accept} has completed (the event is
 * durable), -1 when it failed (store failure: the connection lives on; refused device: the connection is
 * closed after the reply), -10 for a request that cannot be read but names its {@code mt} and {@code mid}
 * (reply type {@code mt+1}). The 2219 reply echoes {@code dguid} and {@code ats} as the document's debug
 * example does, although its table omits them. {@code mid}, {@code dguid} and {@code ats} are echoed as
 * sent. The document's third FTP example reply shows {@code mid:101} for the request {@code mid:102}; that
 * is a copy error in the document: we echo the request's {@code mid}.
 *
 * <h2>Decisions where the documents are silent</h2>
 * <ul>
 *   <li>Required fields: {@code mt}, {@code mid} (an integer), {@code lpt}, {@code pv}, {@code dguid}
 *       (text); for 2221/2223 also {@code ats} and {@code amt} (0, 1 or 2). Everything else is optional:
 *       an alarm is not refused for want of a field the server can do without. A 2219 without {@code ats}
 *       happens at the receive time and has no {@code ref}.</li>
 *   <li>Lines that cannot be answered (not JSON, not an object, no {@code mt}/{@code mid}, longer than
 *       {@code maxLineBytes}) are counted; {@code maxBadLines} of them in a row close the connection.
 *       Lines answered {@code rt:-10} do not count towards it: the device is speaking the protocol.</li>
 *   <li>The magic {@code @#1$6} is stripped only at the start of a connection's stream.</li>
 *   <li>Bytes that are not UTF-8 become U+FFFD instead of failing the line (older firmware may send a
 *       GBK {@code dname}).</li>
 *   <li>An alarm's {@code time} is {@code ats}; a media-ready event's is the receive time (the upload
 *       finished then). Offline events alarmhub detects itself carry
 *       {@code {"detected_by":"alarmhub"}} as {@code raw}.</li>
 *   <li>A connection remembers the devices ({@code dguid}) that spoke on it; each gets
 *       {@code Offline("connection closed")} when the connection ends without a 2205, or
 *       {@code Offline("heartbeat timeout")} when it is idle past {@code heartbeatTimeout}.</li>
 *   <li>A connection stops reading while 64 replies wait for the store or its write buffer is full.</li>
 * </ul>
 *
 * <h2>Media URLs</h2>
 * For 2219 the document says the device's file names go to clients as they are: the media URL is the
 * name. For 2221/2223 the server builds URLs from
 * {@link io.alarmhub.gateway.device.jovision.JovisionSettings#mediaUrlTemplate()} with {@code {dguid}},
 * {@code {ats}}, {@code {dcn}}, {@code {ext}} ({@code jpg}/{@code mp4}) and {@code {name}} (the device's
 * file name, else {@code {ats}.{ext}}). The default,
 * {@code unconfigured://jovision-media-url-template/{dguid}/{ats}.{ext}}, is deliberately not fetchable and
 * names the setting to change; the listener warns at start while it is in use. An FTP text message
 * ({@code amt:0}) lists media only for the files it names; without names the picture and clip arrive as
 * {@code AlarmMediaReady} events once uploaded, so that watchers never get a link to a file not yet there.
 *
 * <h2>Alarm types</h2>
 * {@link io.alarmhub.gateway.device.jovision.JovisionAlarmTypes}, from the device firmware's enum
 * {@code ALARM_TYPEs}: 0 storage error, 1 storage full, 2 connection lost, 5 video lost, 8 power cut →
 * {@code FAULT}; 7 motion detection, 15 PIR → {@code MOTION}; 13 baby crying → {@code BABY_CRYING};
 * everything else (3 upgrade, 4 external input, 6 lens covered, 9 manual, 10 GPS, 11, 12 video analytics,
 * …) → {@code OTHER}. The code is always kept in {@code vendorType}.
 *
 * <h2>Metrics</h2>
 * See {@link io.alarmhub.gateway.device.jovision.JovisionMetrics}: {@code alarmhub.device.messages},
 * {@code alarmhub.device.bad_input}, {@code alarmhub.device.connections.open}, tagged {@code vendor=jovision}.
 */
package io.alarmhub.gateway.device.jovision;
