/**
 * Admission control: past the node's capacity, new work is refused at once rather than queued.
 *
 * <p>{@link io.alarmhub.core.admission.Admission} bounds the new work in flight (device events accepted and
 * publishes, from when they are handed over until the store has committed them and they are answered) and
 * refuses new work while the heap left after the last garbage collection is above its bound
 * ({@link io.alarmhub.core.admission.HeapGuard}). A refusal is a
 * {@link io.alarmhub.core.admission.ServerBusyException}, which every face answers with its protocol's failure
 * ("busy, try again"). {@link io.alarmhub.core.admission.AdmittedDeviceEvents} puts the gate in front of the
 * device intake; the push hub puts it in front of the faces' publishes. Acknowledgements, pulls and replays never
 * pass it, and offline events, alarm ends and changes of a device's owners or records pass it without being
 * refused: they reduce work, or must not be lost. docs/overload.md says how to size it.
 */
package io.alarmhub.core.admission;
