package io.alarmhub.gateway.push.rest;

import java.util.Objects;

/**
 * One node of the push cluster as clients reach it.
 *
 * @param host  the address clients are told to connect to: what {@code /info/servers} answers as
 *              {@code host} and what keys the node's counts in {@code /info}; not necessarily the
 *              address a listener binds
 * @param ports its faces' ports
 */
public record PushNode(String host, ServicePorts ports) {

    public PushNode {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ports, "ports");
        if (host.isBlank()) {
            throw new IllegalArgumentException("a node's advertised host is not blank");
        }
    }
}
