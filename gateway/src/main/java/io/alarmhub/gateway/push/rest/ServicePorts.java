package io.alarmhub.gateway.push.rest;

/**
 * The ports of a node's four push faces, named as {@code /info/servers} names them: {@code socket} is
 * the SocketIoServer and {@code push} the PushServer (newline JSON over TCP). They are advertised as
 * given; a node whose listeners bind port 0 advertises whatever it is handed, so hand it the bound ports.
 */
public record ServicePorts(int rest, int webSocket, int socket, int push) {

    public static final ServicePorts DEFAULT = new ServicePorts(9900, 9000, 9906, 9800);

    public ServicePorts {
        check("rest", rest);
        check("webSocket", webSocket);
        check("socket", socket);
        check("push", push);
    }

    private static void check(String face, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(face + " port must be within 0..65535, was " + port);
        }
    }
}
