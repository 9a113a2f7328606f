package io.alarmhub.core.message;

import java.util.List;
import java.util.stream.Stream;

/** Who a publish is addressed to: the {@code publish} method names topics, {@code publish_to_alias} aliases. */
public sealed interface Target {

    List<String> names();

    /** Every alias registered on any of these topics, once each. */
    record Topics(List<String> names) implements Target {
        public Topics {
            names = List.copyOf(names);
        }
    }

    /** These aliases, online or not. */
    record Aliases(List<String> names) implements Target {
        public Aliases {
            names = List.copyOf(names);
        }
    }

    /** Both: these aliases and every alias registered on these topics, once each (device event routing). */
    record Route(List<String> topics, List<String> aliases) implements Target {
        public Route {
            topics = List.copyOf(topics);
            aliases = List.copyOf(aliases);
        }

        @Override
        public List<String> names() {
            return Stream.concat(aliases.stream(), topics.stream()).toList();
        }
    }
}
