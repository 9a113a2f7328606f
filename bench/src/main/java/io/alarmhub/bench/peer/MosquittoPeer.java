package io.alarmhub.bench.peer;

import io.alarmhub.bench.scenario.LatencyRecorder;
import io.alarmhub.bench.scenario.Scenario;
import io.alarmhub.bench.stats.ProcessSampler;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * An MQTT broker at QoS 1 with the Paho client: each receiver subscribes at QoS 1 and PUBACKs what it
 * reads; each publisher publishes at QoS 1 and its window is freed by the broker's PUBACK. Two systems:
 * {@code mosquitto}, the local broker as it runs, with clean sessions (nothing of a run is kept: in memory);
 * and {@code mosquitto-persistent}, a broker the bench starts itself with persistence on
 * ({@link MosquittoBroker}), whose receivers have persistent sessions, since Mosquitto saves only those
 * sessions and their queued messages.
 */
public final class MosquittoPeer implements Peer {

    private final String name;
    private final String uri;
    private final boolean persistentSessions;
    private final Optional<MosquittoBroker> owned;
    private final String prefix = "bench/" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger runs = new AtomicInteger();

    /** The local broker at {@code uri}, as it runs, with clean sessions. */
    public MosquittoPeer(String uri) {
        this("mosquitto", uri, false, Optional.empty());
    }

    private MosquittoPeer(String name, String uri, boolean persistentSessions, Optional<MosquittoBroker> owned) {
        this.name = name;
        this.uri = uri;
        this.persistentSessions = persistentSessions;
        this.owned = owned;
    }

    /** A broker the bench started with persistence on; closing the peer stops it. */
    public static MosquittoPeer persistent(MosquittoBroker broker) {
        return new MosquittoPeer("mosquitto-persistent", broker.uri(), true, Optional.of(broker));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalLong pid() {
        return owned.isPresent() ? OptionalLong.of(owned.get().pid()) : ProcessSampler.findByName("mosquitto");
    }

    @Override
    public boolean acknowledgesPublish() {
        return true;
    }

    @Override
    public String note() {
        return owned.isPresent() ? "MQTT QoS 1, Paho mqttv3; a broker of the bench's own with " + MosquittoBroker.SAVING
                + "; receivers on persistent sessions (clean session off), the only ones Mosquitto saves. Each save"
                + " rewrites and fsyncs the whole database (mosquitto.db.new, then a rename), at this load about once"
                + " per message; Mosquitto has no per-message log and does not hold a PUBACK until the save"
                : "MQTT QoS 1, Paho mqttv3, clean sessions: nothing of a run is saved (Mosquitto persists only"
                + " persistent sessions), so this is Mosquitto in memory";
    }

    @Override
    public Link open(Scenario scenario, LatencyRecorder recorder, IntConsumer published) throws Exception {
        String run = prefix + "/" + runs.incrementAndGet();
        AtomicLong errors = new AtomicLong();
        List<MqttClient> receivers = Parallel.open(scenario.receivers(), k -> {
            MqttClient receiver = new MqttClient(uri, clientId(), new MemoryPersistence());
            receiver.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    errors.incrementAndGet();
                    System.err.println("mqtt receiver lost: " + cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    recorder.received(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    // receivers publish nothing
                }
            });
            try {
                receiver.connect(options(scenario.window(), !persistentSessions));
                receiver.subscribe(scenario.fanOut() ? run + "/fan" : run + "/r" + k, 1);
            } catch (MqttException e) {
                disconnect(receiver);
                throw e;
            }
            return receiver;
        }, this::leave);
        List<MqttAsyncClient> publishers = new ArrayList<>();
        try {
            List<IMqttActionListener> acks = new ArrayList<>();
            for (int p = 0; p < scenario.publishers(); p++) {
                MqttAsyncClient publisher = new MqttAsyncClient(uri, clientId(), new MemoryPersistence());
                publishers.add(publisher);
                publisher.connect(options(scenario.window(), true)).waitForCompletion(30_000);
                acks.add(acked(p, published, errors));
            }
            return new Link() {
                @Override
                public void publish(int publisher, int seq, String body) throws MqttException {
                    String topic = scenario.fanOut() ? run + "/fan" : run + "/r" + scenario.receiverOf(seq);
                    publishers.get(publisher).publish(topic, body.getBytes(StandardCharsets.UTF_8), 1, false, null,
                            acks.get(publisher));
                }

                @Override
                public long errors() {
                    return errors.get();
                }

                @Override
                public void close() {
                    publishers.forEach(MosquittoPeer::disconnect);
                    leaveAll(receivers);
                }
            };
        } catch (MqttException | RuntimeException e) {
            publishers.forEach(MosquittoPeer::disconnect);
            leaveAll(receivers);
            throw e;
        }
    }

    /** Frees publisher {@code p}'s window at the broker's PUBACK (or failure, counted). */
    private static IMqttActionListener acked(int p, IntConsumer published, AtomicLong errors) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                published.accept(p);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                errors.incrementAndGet();
                published.accept(p);
            }
        };
    }

    /** Disconnects every receiver, at once: a thousand persistent sessions each cost a reconnect to clear. */
    private void leaveAll(List<MqttClient> receivers) {
        try {
            Parallel.open(receivers.size(), k -> {
                leave(receivers.get(k));
                return k;
            }, k -> { });
        } catch (Exception e) {
            // leaving anyway
        }
    }

    /**
     * Disconnects a receiver; a persistent session is then cleared (a clean-session connect and disconnect
     * under its client id), so that the sessions of earlier runs (the warm-up) are not saved with later ones.
     */
    private void leave(MqttClient receiver) {
        if (!persistentSessions) {
            disconnect(receiver);
            return;
        }
        try {
            if (receiver.isConnected()) {
                receiver.disconnect(1_000);
            }
            receiver.connect(options(1, true));
            receiver.disconnect(1_000);
            receiver.close();
        } catch (MqttException e) {
            disconnect(receiver);
        }
    }

    private static MqttConnectOptions options(int window, boolean cleanSession) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        // one more than the bench's window, so Paho never refuses a publish the window allows
        options.setMaxInflight(window + 1);
        options.setConnectionTimeout(30);
        options.setKeepAliveInterval(60);
        return options;
    }

    private static String clientId() {
        return "bench-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static void disconnect(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000);
            }
            client.close();
        } catch (MqttException e) {
            // leaving anyway
        }
    }

    private static void disconnect(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
            client.close();
        } catch (MqttException e) {
            // leaving anyway
        }
    }

    @Override
    public void close() {
        // every client belongs to a run and is closed with its link; a broker of the bench's own is stopped
        owned.ifPresent(MosquittoBroker::close);
    }
}
