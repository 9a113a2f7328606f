package io.alarmhub.gateway.push.rest;

import io.alarmhub.core.delivery.Presence;

import java.util.Comparator;
import java.util.List;

/**
 * The nodes {@code /info} reports and {@code /info/servers} chooses from. alarmhub runs as one node
 * today, so the only implementation is {@link #single}: the node answering, counted from its own
 * presence. The interface is where a cluster's view of every node will come in.
 */
public interface PushCluster {

    /** Every node with its current counts; never empty, as it holds at least the node answering. */
    List<NodeLoad> nodes();

    /** The node a new connection should go to: the one with the fewest open connections. */
    default PushNode leastLoaded() {
        return nodes().stream()
                .min(Comparator.comparingLong(NodeLoad::connections))
                .map(NodeLoad::node)
                .orElseThrow(() -> new IllegalStateException("a push cluster has at least one node"));
    }

    /** A cluster of one: this node, counted from its own presence. */
    static PushCluster single(PushNode self, Presence presence) {
        return () -> List.of(NodeLoad.of(self, presence));
    }
}
