package io.alarmhub.gateway.device.hemu.hedgw;

import com.google.protobuf.UnsafeByteOperations;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.platform.AppCommand;
import io.alarmhub.gateway.device.hemu.platform.ServerCommand;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The few messages the server sends, and the check that a message carries what its type says.
 *
 * <p>The protocol's {@code uint32} fields are Java {@code int}s: a value above {@link Integer#MAX_VALUE} is
 * passed as its negative two's complement ({@link Integer#toUnsignedLong} reads it back).
 */
public final class HedgwMessages {

    private HedgwMessages() {
    }

    /**
     * The answer to a DevLoginReq.
     *
     * @param result the document's result code (0: accepted)
     */
    public static HEDGWMessage loginResponse(int result, LoginFields fields) {
        Hedgw.DevLoginResp.Builder resp = Hedgw.DevLoginResp.newBuilder().setResult(result);
        fields.serverTime().ifPresent(resp::setServerTime);
        fields.deviceStatus().ifPresent(resp::setDeviceStatus);
        fields.pingPongSpan().ifPresent(resp::setPingPongSpan);
        fields.sdUploadMode().ifPresent(resp::setSdUploadMode);
        fields.personCountSpan().ifPresent(resp::setPersonCountSpan);
        fields.serviceDays().ifPresent(resp::setServiceDays);
        return HEDGWMessage.newBuilder()
                .setMessageType(MessageType.DevLoginResp)
                .setDevLoginResp(resp)
                .build();
    }

    /** A DevLoginResp with the result only: the answer to a login that is refused. */
    public static HEDGWMessage loginResponse(int result) {
        return loginResponse(result, LoginFields.NONE);
    }

    /** {@code DevServerCmd} type 7 (5.2.8): the device's plan changed to {@code deviceStatus} (44: deleted). */
    public static HEDGWMessage deviceStatus(int deviceStatus) {
        return serverCommand(new ServerCommand.Plan(deviceStatus, OptionalInt.empty()));
    }

    /** A {@code DevServerCmd} (5.2.8): type 7 for a plan, 9 for thumbnails. */
    public static HEDGWMessage serverCommand(ServerCommand command) {
        Hedgw.DevServerCmd.Builder cmd = Hedgw.DevServerCmd.newBuilder();
        if (command instanceof ServerCommand.Plan plan) {
            cmd.setType(7).setDeviceStatus(plan.deviceStatus());
            plan.serviceDays().ifPresent(cmd::setServiceDays);
        } else if (command instanceof ServerCommand.Thumbnails t) {
            cmd.setType(9).setThumbnailSpan(t.span()).setThumbnailWidth(t.width()).setThumbnailHeight(t.height());
        }
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevServerCmd).setDevServerCmd(cmd).build();
    }

    /** A {@code DevAppCmd} of type 33 (5.2.9): an app's command, its {@code msg} the command's JSON. */
    public static HEDGWMessage appCommand(AppCommand command) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevAppCmd).setDevAppCmd(
                Hedgw.DevAppCmd.newBuilder().setType(APP_COMMAND).setSrcDeviceId(command.srcDeviceId())
                        .setId(command.id()).setMsg(command.msg())).build();
    }

    /** {@code DevAppCmd} type 8 (a viewer wants live video) or 9 (the last one left), 5.2.9.1. */
    public static HEDGWMessage liveView(int type, String source) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevAppCmd).setDevAppCmd(
                Hedgw.DevAppCmd.newBuilder().setType(type).setSrcDeviceId(source)).build();
    }

    /** {@code DevAppCmd} type 0: how many clients watch the camera now (5.2.9). */
    public static HEDGWMessage viewers(String source, int count) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.DevAppCmd).setDevAppCmd(
                Hedgw.DevAppCmd.newBuilder().setType(0).setSrcDeviceId(source).setCount(count)).build();
    }

    /** {@code package_type} of audio, both ways: the camera's sound, and an app's voice in two-way talk. */
    public static final int AUDIO = 1;

    /**
     * A {@code TDMediaPackage} of an app's voice for the camera's speaker (5.2.5): {@code package_type} 1,
     * {@code sync} 0, {@code data} one RTP packet of G.711 A-law (the camera takes its header off).
     *
     * @param rtp       the RTP packet; kept, not copied, so it must not change afterwards
     * @param startTime milliseconds since the talk began, a wrapping {@code uint32}
     * @param seqNum    the package's number in the talk, a wrapping {@code uint32}
     * @param ipcamTime the server's clock, UTC milliseconds
     */
    public static HEDGWMessage talk(byte[] rtp, int startTime, int seqNum, long ipcamTime) {
        return HEDGWMessage.newBuilder().setMessageType(MessageType.TDMediaPackage).setTdMediaPackage(
                Hedgw.TDMediaPackage.newBuilder().setPackageType(AUDIO).setSync(0)
                        .setData(UnsafeByteOperations.unsafeWrap(rtp)).setDataSize(rtp.length)
                        .setStartTime(startTime).setSeqNum(seqNum).setIpcamTime(ipcamTime)).build();
    }

    /** {@code DevAppCmd.type} of an app's setting or query command. */
    public static final int APP_COMMAND = 33;

    public static HEDGWMessage ping(int id) {
        return HEDGWMessage.newBuilder()
                .setMessageType(MessageType.PING)
                .setPing(Hedgw.Ping.newBuilder().setId(id))
                .build();
    }

    public static HEDGWMessage pong(int id) {
        return HEDGWMessage.newBuilder()
                .setMessageType(MessageType.PONG)
                .setPong(Hedgw.Pong.newBuilder().setId(id))
                .build();
    }

    /**
     * The message's type, when it carries the submessage that type names ({@code PING} and {@code ping},
     * {@code TDMediaPackage} and {@code td_media_package}, ...); empty when the type is missing (an unknown
     * number is not kept as a type by proto2) or its submessage is. Other submessages a message may carry
     * besides are ignored: only the one its type names is read.
     *
     * <p>The decoder treats an empty answer as {@link HedgwFrame.Reason#MISSING_REQUIRED}: a PING without
     * {@code ping} leaves nothing to answer from (not even the id to echo), as a DevLoginReq without its
     * {@code access_key} does.
     */
    public static Optional<MessageType> type(HEDGWMessage message) {
        if (!message.hasMessageType()) {
            return Optional.empty();
        }
        MessageType type = message.getMessageType();
        boolean carried = switch (type) {
            case DevLoginReq -> message.hasDevLoginReq();
            case DevLoginResp -> message.hasDevLoginResp();
            case DevEventCmd -> message.hasDevEventCmd();
            case DevServerCmd -> message.hasDevServerCmd();
            case DevAppCmd -> message.hasDevAppCmd();
            case DevIpCamCmd -> message.hasDevIpcamCmd();
            case PING -> message.hasPing();
            case PONG -> message.hasPong();
            case TDMediaPackage -> message.hasTdMediaPackage();
        };
        return carried ? Optional.of(type) : Optional.empty();
    }

    /** The optional fields of a DevLoginResp; {@link #NONE} sets none of them. */
    public record LoginFields(Optional<String> serverTime, OptionalInt deviceStatus, OptionalInt pingPongSpan,
                              OptionalInt sdUploadMode, OptionalInt personCountSpan, OptionalInt serviceDays) {

        public static final LoginFields NONE = new LoginFields(Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());
    }
}
