package io.alarmhub.gateway.push.protocol;

/** The WebSocketServer's room counts that PushServer type 7 reports. */
public interface RoomCounts {

    int oneToOne();

    int oneToMany();

    int manyToMany();

    RoomCounts NONE = new RoomCounts() {
        @Override
        public int oneToOne() {
            return 0;
        }

        @Override
        public int oneToMany() {
            return 0;
        }

        @Override
        public int manyToMany() {
            return 0;
        }
    };
}
