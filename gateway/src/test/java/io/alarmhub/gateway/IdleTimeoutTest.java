package io.alarmhub.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdleTimeoutTest {

    private final List<IdleState> heard = new ArrayList<>();
    private final List<Boolean> firsts = new ArrayList<>();

    private EmbeddedChannel channel(IdleTimeout idle) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(idle, new ChannelInboundHandlerAdapter() {
            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof IdleStateEvent idle) {
                    heard.add(idle.state());
                    firsts.add(idle.isFirst());
                }
            }
        });
        return channel;
    }

    private static void pass(EmbeddedChannel channel, long seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void aSilentConnectionIsIdleExactlyWhenItsTimeoutHasPassed() {
        EmbeddedChannel channel = channel(IdleTimeout.reads(Duration.ofSeconds(60)));
        pass(channel, 59);
        assertThat(heard).isEmpty();
        pass(channel, 1);
        assertThat(heard).containsExactly(IdleState.READER_IDLE);
    }

    @Test
    void eachReadPutsTheIdleMomentATimeoutAfterIt() {
        EmbeddedChannel channel = channel(IdleTimeout.reads(Duration.ofSeconds(60)));
        pass(channel, 40);
        channel.writeInbound("hello");
        pass(channel, 59);
        assertThat(heard).as("60 s after the start, 20 s after the read").isEmpty();
        pass(channel, 1);
        assertThat(heard).containsExactly(IdleState.READER_IDLE);
    }

    @Test
    void aConnectionKeptOpenAfterItsEventHearsAgainAfterAnotherTimeout() {
        EmbeddedChannel channel = channel(IdleTimeout.reads(Duration.ofSeconds(10)));
        pass(channel, 10);
        pass(channel, 9);
        assertThat(heard).hasSize(1);
        pass(channel, 1);
        assertThat(heard).hasSize(2);
    }

    @Test
    void onlyTheFirstEventOfAQuietSpellIsFirst() {
        EmbeddedChannel channel = channel(IdleTimeout.reads(Duration.ofSeconds(10)));
        pass(channel, 10);
        pass(channel, 10);
        channel.writeInbound("pong");
        pass(channel, 10);
        pass(channel, 10);
        assertThat(firsts).containsExactly(true, false, true, false);
    }

    @Test
    void writesDoNotCountForAReadTimeout() {
        EmbeddedChannel channel = channel(IdleTimeout.reads(Duration.ofSeconds(10)));
        pass(channel, 5);
        channel.writeOutbound("answer");
        pass(channel, 5);
        assertThat(heard).containsExactly(IdleState.READER_IDLE);
    }

    @Test
    void writesCountWhenBothDirectionsAreWatched() {
        EmbeddedChannel channel = channel(IdleTimeout.readsAndWrites(Duration.ofSeconds(10)));
        pass(channel, 5);
        channel.writeOutbound("answer");
        pass(channel, 9);
        assertThat(heard).isEmpty();
        pass(channel, 1);
        assertThat(heard).containsExactly(IdleState.ALL_IDLE);
    }

    @Test
    void aClosedConnectionHearsNothing() {
        EmbeddedChannel channel = channel(IdleTimeout.reads(Duration.ofSeconds(10)));
        channel.close();
        pass(channel, 20);
        assertThat(heard).isEmpty();
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> IdleTimeout.reads(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
