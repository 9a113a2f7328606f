package io.alarmhub.core.message;

import java.util.List;

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
}
