package io.alarmhub.gateway.push.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.ExceptionListener;
import com.fasterxml.jackson.core.JacksonException;
import io.alarmhub.gateway.push.socketio.SocketIoMetrics.BadInput;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What netty-socketio reports as failing. Undecodable packets and oversized frames are the client's
 * bad input: counted, logged once per connection, and the connection lives on unless the codec itself
 * closed it. A failure inside this face's own listeners is a bug and is logged as one.
 */
final class SocketIoFaults implements ExceptionListener {

    private static final Logger log = LoggerFactory.getLogger(SocketIoFaults.class);
    private static final AttributeKey<Boolean> LOGGED = AttributeKey.valueOf("alarmhub.socketio.badInputLogged");
    private static final int MAX_DETAIL = 200;

    private final SocketIoMetrics metrics;
    private final Function<UUID, Optional<SocketIoConnection>> connections;

    SocketIoFaults(SocketIoMetrics metrics, Function<UUID, Optional<SocketIoConnection>> connections) {
        this.metrics = metrics;
        this.connections = connections;
    }

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isNetworkFailure(cause)) {
            log.debug("socket.io connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            return true;
        }
        String detail = truncate(cause.toString());
        Channel channel = ctx.channel();
        Optional<SocketIoConnection> connection = Optional.ofNullable(channel.attr(ClientHead.CLIENT).get())
                .map(ClientHead::getSessionId)
                .flatMap(connections);
        if (connection.isPresent()) {
            connection.get().badInput(BadInput.PACKET, detail);
            return true;
        }
        metrics.badInput(BadInput.PACKET);
        if (channel.attr(LOGGED).setIfAbsent(Boolean.TRUE) == null) {
            log.info("socket.io connection {} sent bad input (packet): {}; further bad input from it is counted, "
                    + "not logged", channel.remoteAddress(), detail);
        }
        return true;
    }

    @Override
    public void onEventException(Exception e, List<Object> args, SocketIOClient client) {
        log.error("a socket.io event of client {} failed in alarmhub", client.getSessionId(), e);
    }

    @Override
    public void onDisconnectException(Exception e, SocketIOClient client) {
        log.error("the disconnect of socket.io client {} failed in alarmhub", client.getSessionId(), e);
    }

    @Override
    public void onConnectException(Exception e, SocketIOClient client) {
        log.error("the connect of socket.io client {} failed in alarmhub", client.getSessionId(), e);
    }

    @Override
    @SuppressWarnings("deprecation") // still part of the interface that must be implemented
    public void onPingException(Exception e, SocketIOClient client) {
        log.error("a ping of socket.io client {} failed in alarmhub", client.getSessionId(), e);
    }

    @Override
    public void onPongException(Exception e, SocketIOClient client) {
        log.error("a pong of socket.io client {} failed in alarmhub", client.getSessionId(), e);
    }

    @Override
    public void onAuthException(Throwable e, SocketIOClient client) {
        log.error("reading the auth object of socket.io client {} failed in alarmhub", client.getSessionId(), e);
    }

    /**
     * An I/O failure of the connection itself. netty-socketio reports a packet that is not JSON as an
     * IOException too (Jackson's, or its own wrapping one): those are the client's bad input.
     */
    private static boolean isNetworkFailure(Throwable cause) {
        if (!(cause instanceof IOException)) {
            return false;
        }
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException) {
                return false;
            }
        }
        return true;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
