/**
 * The systems a scenario runs against, each with its usual client: alarmhub over its PushServer line
 * protocol (the server started from its packaged jar, or one already running), Mosquitto at QoS 1
 * (Paho) as it runs locally and as a persistent broker the bench starts itself
 * ({@link io.alarmhub.bench.peer.MosquittoBroker}), NATS core and NATS JetStream (jnats), and a bare Netty
 * line forwarder, run in-process as the ceiling of the machine. Every {@link io.alarmhub.bench.peer.Peer}
 * opens a {@link io.alarmhub.bench.peer.Link}: receivers connected and subscribed, and its publishers, each
 * a connection of its own, ready to write.
 */
package io.alarmhub.bench.peer;
