package io.alarmhub.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.json.NetworkJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a simulated camera reports of itself over its {@link HedgwCamera} connection, as the document has
 * cameras send it: people counts ({@code DevEventCmd} type 4, 5.2.6), daily statistics ({@code DevIpCamCmd}
 * type 2, 5.2.12), a resolution change (type 3, 5.2.11.3) and panorama pictures (type 4, 5.2.11.7). The
 * protocol answers none of them. Not for use by several threads at once, as the connection.
 */
public final class HedgwCameraReports {

    /** {@code DevEventCmd} type of a people count. */
    public static final int EVENT_PEOPLE_COUNT = 4;
    /** {@code DevIpCamCmd} types. */
    public static final int IPCAM_STATISTICS = 2;
    public static final int IPCAM_RESOLUTION = 3;
    public static final int IPCAM_PASS_THROUGH = 4;
    /** The {@code cmdtype} of a panorama picture in {@code data}. */
    public static final int PANORAMA = 103;

    private final HedgwCamera camera;
    private final String deviceId;
    private final Clock clock;
    private long session = 1_377_903_621L;

    /** @param deviceId the camera's {@code deviceId}, its {@code src_device_id} */
    public HedgwCameraReports(HedgwCamera camera, String deviceId, Clock clock) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Counts people over a period: {@code msg} {@code {"start":…,"stop":…,"count":…}}, {@code count}'s high 16
     * bits {@code up} (bottom to top), its low 16 bits {@code down}; {@code ipcam_time} the period's end.
     */
    public void peopleCount(Instant start, Instant stop, int up, int down) throws IOException {
        if (up < 0 || up > 0xFFFF || down < 0 || down > 0xFFFF) {
            throw new IllegalArgumentException("a count is 16 bits each way: " + up + ", " + down);
        }
        String msg = JsonNodeFactory.instance.objectNode().put("start", start.getEpochSecond())
                .put("stop", stop.getEpochSecond()).put("count", ((long) up << 16) | down).toString();
        camera.event(EVENT_PEOPLE_COUNT, 1, stop.toEpochMilli(), Optional.of(msg));
    }

    /**
     * Sends the daily statistics, wrapped as 5.2.12 shows: {@code {"statistics":…,"msgSession":…,
     * "msgSequence":0,"msgTimeStamp":…,"msgCategory":"camera"}}.
     *
     * @param statistics the {@code statistics} object's JSON
     */
    public void statistics(String statistics) throws IOException {
        ObjectNode msg = JsonNodeFactory.instance.objectNode();
        msg.set("statistics", NetworkJson.standard().reader().readTree(statistics));
        msg.put("msgSession", session++).put("msgSequence", 0).put("msgTimeStamp", clock.millis())
                .put("msgCategory", "camera");
        ipCam(Hedgw.DevIpCamCmd.newBuilder().setType(IPCAM_STATISTICS).setMsg(msg.toString()));
    }

    /** Says the resolution changed, e.g. to {@code 1280x720}. */
    public void resolution(String resolution) throws IOException {
        ipCam(Hedgw.DevIpCamCmd.newBuilder().setType(IPCAM_RESOLUTION).setMsg(resolution));
    }

    /**
     * Sends a panorama, one {@code DevIpCamCmd} per picture, in order, to the app that asked for it.
     *
     * @param app the {@code src_device_id} of the app's command (5.2.9.23), the pictures' {@code dst_device_id}
     */
    public void panorama(String app, List<byte[]> pictures) throws IOException {
        for (int i = 0; i < pictures.size(); i++) {
            byte[] data = panoramaData(i + 1, pictures.size(), pictures.get(i));
            ipCam(Hedgw.DevIpCamCmd.newBuilder().setType(IPCAM_PASS_THROUGH).setDstDeviceId(app)
                    .setDataSize(data.length).setData(ByteString.copyFrom(data)));
        }
    }

    /**
     * One picture's {@code data}: {@code cmdtype} 103, {@code sequence} (from 1), {@code count}, {@code size},
     * each 4 bytes in network byte order, then the picture.
     */
    public static byte[] panoramaData(int sequence, int count, byte[] picture) {
        return ByteBuffer.allocate(16 + picture.length).putInt(PANORAMA).putInt(sequence).putInt(count)
                .putInt(picture.length).put(picture).array();
    }

    private void ipCam(Hedgw.DevIpCamCmd.Builder command) throws IOException {
        camera.send(Hedgw.HEDGWMessage.newBuilder().setMessageType(Hedgw.HEDGWMessage.MessageType.DevIpCamCmd)
                .setDevIpcamCmd(command.setSrcDeviceId(deviceId)).build());
    }
}
