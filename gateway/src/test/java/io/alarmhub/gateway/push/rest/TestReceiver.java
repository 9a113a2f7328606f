package io.alarmhub.gateway.push.rest;

import io.alarmhub.core.delivery.Face;
import io.alarmhub.core.delivery.Receiver;
import io.alarmhub.core.message.Message;

/** A connection of an alias on a face that takes whatever it is handed: only its presence matters here. */
record TestReceiver(String alias, Face face) implements Receiver {

    @Override
    public boolean deliver(Message message) {
        return true;
    }
}
