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
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An MQTT broker (the local Mosquitto) at QoS 1 with the Paho client: each receiver subscribes at
 * QoS 1 and PUBACKs what it reads; the publisher publishes at QoS 1 and its window is freed by the
 * broker's PUBACK. Sessions are clean, so the broker keeps no state between runs.
 */
public final class MosquittoPeer implements Peer {

    private final String uri;
    private final String prefix = "bench/" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger runs = new AtomicInteger();

    public MosquittoPeer(String uri) {
        this.uri = uri;
    }

    @Override
    public String name() {
        return "mosquitto";
    }

    @Override
    public OptionalLong pid() {
        return ProcessSampler.findByName("mosquitto");
    }

    @Override
    public boolean acknowledgesPublish() {
        return true;
    }

    @Override
    public String note() {
        return "MQTT QoS 1, Paho mqttv3, clean sessions; Mosquitto persistence, when on, is saved at its autosave interval, not per message";
    }

    @Override
    public Link open(Scenario scenario, LatencyRecorder recorder, Runnable published) throws Exception {
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
                receiver.connect(options(scenario.window()));
                receiver.subscribe(scenario.fanOut() ? run + "/fan" : run + "/r" + k, 1);
            } catch (MqttException e) {
                disconnect(receiver);
                throw e;
            }
            return receiver;
        }, MosquittoPeer::disconnect);
        try {
            MqttAsyncClient publisher = new MqttAsyncClient(uri, clientId(), new MemoryPersistence());
            publisher.connect(options(scenario.window())).waitForCompletion(30_000);
            IMqttActionListener acked = new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    published.run();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    errors.incrementAndGet();
                    published.run();
                }
            };
            return new Link() {
                @Override
                public void publish(int seq, String body) throws MqttException {
                    String topic = scenario.fanOut() ? run + "/fan" : run + "/r" + scenario.receiverOf(seq);
                    publisher.publish(topic, body.getBytes(StandardCharsets.UTF_8), 1, false, null, acked);
                }

                @Override
                public long errors() {
                    return errors.get();
                }

                @Override
                public void close() {
                    disconnect(publisher);
                    receivers.forEach(MosquittoPeer::disconnect);
                }
            };
        } catch (MqttException | RuntimeException e) {
            receivers.forEach(MosquittoPeer::disconnect);
            throw e;
        }
    }

    private static MqttConnectOptions options(int window) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
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
        // every client belongs to a run and is closed with its link
    }
}
