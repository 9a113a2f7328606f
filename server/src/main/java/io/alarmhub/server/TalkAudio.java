package io.alarmhub.server;

import com.google.protobuf.ByteString;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw;
import io.alarmhub.gateway.device.hemu.hedgw.proto.Hedgw.HEDGWMessage.MessageType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The voice an app sends a simulated camera in two-way talk (5.2.5): {@code TDMediaPackage}s of
 * {@code package_type} 1 from the HEDGW, each an RTP packet of G.711 A-law, 8 kHz mono. As the document's sample
 * code says, the RTP header is taken off (its 12 bytes, and the CSRCs, extension and padding it announces); the
 * A-law that remains is counted, and its first minute kept for a test to listen to, and copied as it comes to a
 * stream when one is given (a file, {@code hemu camera --talk-out}). Other messages are ignored.
 */
public final class TalkAudio implements Consumer<Hedgw.HEDGWMessage> {

    /** The fixed RTP header (RFC 3550, 5.1). */
    public static final int RTP_HEADER = 12;
    /** A minute of A-law at 8 kHz: what is kept of the talk. */
    public static final int MAX_KEPT = 60 * 8000;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final OutputStream copy;
    private Optional<IOException> copyFailure = Optional.empty();
    private long bytes;
    private long packets;
    private long refused;

    /** Talk that is kept, not copied. */
    public TalkAudio() {
        this(OutputStream.nullOutputStream());
    }

    /** @param copy where what is kept also goes, flushed packet by packet; it is not closed here */
    public TalkAudio(OutputStream copy) {
        this.copy = copy;
    }

    @Override
    public synchronized void accept(Hedgw.HEDGWMessage message) {
        if (message.getMessageType() != MessageType.TDMediaPackage || !message.hasTdMediaPackage()
                || message.getTdMediaPackage().getPackageType() != MediaPackets.AUDIO) {
            return;
        }
        Optional<ByteString> alaw = payload(message.getTdMediaPackage().getData());
        if (alaw.isEmpty()) {
            refused++;
            return;
        }
        packets++;
        bytes += alaw.get().size();
        int room = MAX_KEPT - kept.size();
        byte[] keep = alaw.get().substring(0, Math.min(room, alaw.get().size())).toByteArray();
        kept.writeBytes(keep);
        copy(keep);
    }

    /** Copies what is kept; after a failure, which {@link #copyFailure} tells, no more. */
    private void copy(byte[] keep) {
        if (keep.length == 0 || copyFailure.isPresent()) {
            return;
        }
        try {
            copy.write(keep);
            copy.flush();
        } catch (IOException e) {
            copyFailure = Optional.of(e);
        }
    }

    /** Why copying stopped, when it did. */
    public synchronized Optional<IOException> copyFailure() {
        return copyFailure;
    }

    /** The A-law received, up to {@link #MAX_KEPT} bytes. */
    public synchronized byte[] alaw() {
        return kept.toByteArray();
    }

    /** Bytes of A-law received, all of them. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized long packets() {
        return packets;
    }

    /** Packages too short for the RTP header they carry. */
    public synchronized long refused() {
        return refused;
    }

    /** The payload of one RTP packet; empty when its header runs past its end. */
    static Optional<ByteString> payload(ByteString rtp) {
        if (rtp.size() < RTP_HEADER) {
            return Optional.empty();
        }
        int first = rtp.byteAt(0);
        int header = RTP_HEADER + 4 * (first & 0x0f);
        if ((first & 0x10) != 0 && rtp.size() >= header + 4) {
            header += 4 + 4 * (((rtp.byteAt(header + 2) & 0xff) << 8) | (rtp.byteAt(header + 3) & 0xff));
        } else if ((first & 0x10) != 0) {
            return Optional.empty();
        }
        int end = rtp.size() - ((first & 0x20) != 0 ? rtp.byteAt(rtp.size() - 1) & 0xff : 0);
        return header <= end ? Optional.of(rtp.substring(header, end)) : Optional.empty();
    }
}
