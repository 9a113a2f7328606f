/**
 * One camera connection's clock: {@link io.alarmhub.video.timeline.Timeline} turns the packages' wrapping
 * 32-bit {@code start_time} into 64-bit milliseconds shared by audio and video, and
 * {@link io.alarmhub.video.timeline.SequenceGaps} counts what the camera's {@code seq_num}s say was lost.
 *
 * <p>The rules, since players and files depend on them:
 * <ul>
 *   <li><b>Origin.</b> The first package of either kind is time 0. The other kind's first {@code start_time} is
 *       read against the same camera clock, so audio and video stay in sync; a kind whose first package lies
 *       before the origin starts at 0 (times are never negative).</li>
 *   <li><b>Wrap.</b> {@code start_time} counts to 2^32-1 and goes on at 0 (every 49.7 days). Each kind is
 *       unwrapped against its own previous package: a step back of more than 2^31 ms is a wrap, and so a step
 *       forward of more than 2^31 ms is a late package from before one.</li>
 *   <li><b>Monotonic.</b> Within a kind time runs strictly forward: a time at or before the previous one of
 *       its kind becomes previous + 1 ms. Muxers need increasing timestamps, and a camera whose clock steps
 *       back (or that sends two frames with one stamp) must not break them; the stamps catch up by
 *       themselves.</li>
 *   <li><b>Audio counts samples.</b> A packet's audio time is the previous audio time plus the previous
 *       packets' samples at 8 kHz (counted from the last resync, so 20 ms and 40 ms packets never round
 *       away). Camera stamps jitter by a few ms, while samples are what plays, so audio plays without
 *       gaps or overlaps. When the sample-counted time and the package's own {@code start_time} drift apart
 *       by more than {@link io.alarmhub.video.timeline.Timeline#AUDIO_RESYNC} (200 ms: lost packets, a
 *       camera that drops audio while busy), the package takes its {@code start_time} and counting starts
 *       again there: lip sync matters more than a gapless track.</li>
 * </ul>
 * Neither class is thread-safe to feed: one connection thread does; their counters may be read from any
 * thread (metrics).
 */
package io.alarmhub.video.timeline;
