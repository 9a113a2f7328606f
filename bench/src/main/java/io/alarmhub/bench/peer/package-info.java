/**
 * The systems a scenario runs against, each with its usual client: alarmhub over its PushServer line
 * protocol (the server started from its packaged jar, or one already running), Mosquitto at QoS 1
 * (Paho), NATS core (jnats), and a bare Netty line forwarder, run in-process as the ceiling of the
 * machine. Every {@link io.alarmhub.bench.peer.Peer} opens a {@link io.alarmhub.bench.peer.Link}:
 * receivers connected and subscribed, and a publisher ready to write.
 */
package io.alarmhub.bench.peer;
