package io.alarmhub.gateway.device.vstarcam;

import io.alarmhub.core.media.MediaException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.EndOfDataDecoderException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.ErrorDataDecoderException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooLongFormFieldException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder.TooManyFormFieldsException;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One alarm push being received: Netty's multipart decoder, fed chunk by chunk as the body arrives (there
 * is no aggregator in front of it), writing each file part to the upload directory as it comes. After
 * every chunk the sizes are checked, so that a part or a request over its limit is refused while it
 * streams, not after it has been stored whole.
 *
 * <p>Runs on the connection's event loop. Either {@link #finish()} hands the complete parts over as an
 * {@link AlarmForm}, or {@link #abort()} deletes everything received; both are safe to call again.
 */
final class AlarmUpload {

    /** The largest text field ({@code vuid}, {@code type}, or another). */
    static final int MAX_FIELD_BYTES = 1024;
    /** The most parts one push may have; the document has four. */
    static final int MAX_PARTS = 32;
    /** What the decoder may hold undecoded (part headers, a boundary split across chunks). */
    private static final int MAX_BUFFERED_BYTES = 16 * 1024;
    /** The decoder compacts its buffer past this, instead of Netty's default of 10 MiB. */
    private static final int DISCARD_THRESHOLD = 64 * 1024;
    private static final Set<String> SINGLE = Set.of("vuid", "type", "picture", "video");

    private final HttpPostRequestDecoder decoder;
    private final VStarcamSettings limits;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final List<AlarmForm.Part> files = new ArrayList<>();
    private long received;
    private boolean done;

    /** @throws Answer.Rejected when the request's multipart header is unusable (no boundary) */
    AlarmUpload(UploadDataFactory factory, HttpRequest request, VStarcamSettings limits) {
        this.limits = limits;
        try {
            this.decoder = new HttpPostRequestDecoder(factory, request, StandardCharsets.UTF_8, MAX_PARTS,
                    MAX_BUFFERED_BYTES);
        } catch (ErrorDataDecoderException | IndexOutOfBoundsException e) {
            // The second for an empty boundary=, which Netty's boundary parser indexes into.
            throw malformed("multipart/form-data without a usable boundary");
        }
        decoder.setDiscardThreshold(DISCARD_THRESHOLD);
    }

    /** Bytes of body received so far. */
    long received() {
        return received;
    }

    /**
     * Decodes one chunk of the body.
     *
     * @throws Answer.Rejected with 413 as soon as a limit is passed, 400 for a malformed body; the
     *                         caller then calls {@link #abort()}
     * @throws MediaException  when a part cannot be written to the upload directory (a full disk); the
     *                         caller then calls {@link #abort()} too
     */
    void offer(HttpContent chunk) {
        received += chunk.content().readableBytes();
        if (received > limits.maxRequestBytes()) {
            throw tooLarge("request larger than " + limits.maxRequestBytes() + " bytes");
        }
        try {
            decoder.offer(chunk);
            drain();
        } catch (TooManyFormFieldsException e) {
            throw tooLarge("more than " + MAX_PARTS + " form parts");
        } catch (TooLongFormFieldException e) {
            throw tooLarge("form part header too large");
        } catch (ErrorDataDecoderException e) {
            if (e.getCause() instanceof IOException written) {
                // Writing the part to the upload directory failed (a full disk): the server's failure,
                // answered as storage unavailable; abort() deletes what was written of it.
                throw new MediaException("cannot write an upload to the upload directory: " + written.getMessage(),
                        written);
            }
            throw malformed("malformed multipart body");
        } catch (IndexOutOfBoundsException e) {
            // Netty's multipart decoder throws this for a Content-Disposition attribute without '='
            // (getContentDispositionAttribute); it is the camera's malformed body, not our failure.
            throw malformed("malformed multipart body");
        }
        InterfaceHttpData partial = decoder.currentPartialHttpData();
        if (partial instanceof FileUpload file) {
            checkFile(file.getName(), file.length());
        } else if (partial instanceof Attribute field) {
            checkField(field.getName(), field.length());
        }
    }

    /**
     * The complete form, once the last chunk was offered; the files are the form's from then on.
     *
     * @throws Answer.Rejected when the body ended inside a part (everything is deleted then)
     */
    AlarmForm finish() {
        InterfaceHttpData partial = decoder.currentPartialHttpData();
        if (partial != null) {
            abort();
            throw malformed("multipart body ends inside the part " + quoted(partial.getName()));
        }
        AlarmForm form = new AlarmForm(fields, files);
        files.clear();
        close();
        return form;
    }

    /** Deletes the parts received so far, complete or not. */
    void abort() {
        close();
        files.forEach(AlarmForm.Part::release);
        files.clear();
    }

    private void close() {
        if (!done) {
            done = true;
            // Deletes the part being written and frees the decoder's buffers; the parts in files hold
            // their own reference and survive it. A form field still being read is the exception: the
            // factory keeps fields in memory without registering them, so destroy() does not free it.
            InterfaceHttpData partial = decoder.currentPartialHttpData();
            decoder.destroy();
            if (partial instanceof Attribute field && field.refCnt() > 0) {
                field.release();
            }
        }
    }

    private void drain() {
        try {
            while (decoder.hasNext()) {
                take(decoder.next());
            }
        } catch (EndOfDataDecoderException end) {
            // The closing boundary was read: nothing more will come.
        }
    }

    private void take(InterfaceHttpData data) {
        String name = data.getName();
        if (SINGLE.contains(name) && (fields.containsKey(name) || files.stream().anyMatch(f -> f.name().equals(name)))) {
            throw Answer.refused(HttpResponseStatus.BAD_REQUEST, "bad_field", "more than one " + name).reject();
        }
        if (data instanceof FileUpload file) {
            checkFile(name, file.length());
            // Ours from now on: the decoder's destroy() neither deletes it nor drops the last reference.
            decoder.removeHttpDataFromClean(file);
            file.retain();
            files.add(new AlarmForm.Part(name, file.getFilename(), file.getContentType(), file.length(), file));
        } else if (data instanceof Attribute field) {
            checkField(name, field.length());
            try {
                fields.putIfAbsent(name, field.getValue());
            } catch (IOException e) {
                throw malformed("unreadable form field " + quoted(name));
            }
        }
    }

    private void checkFile(String name, long length) {
        long limit = "video".equals(name) ? limits.maxVideoBytes() : limits.maxPictureBytes();
        if (length > limit) {
            throw tooLarge(quoted(name) + " larger than " + limit + " bytes");
        }
    }

    private static void checkField(String name, long length) {
        if (length > MAX_FIELD_BYTES) {
            throw tooLarge("form field " + quoted(name) + " larger than " + MAX_FIELD_BYTES + " bytes");
        }
    }

    /** A part's name as the camera sent it, cut short for an answer. */
    private static String quoted(String name) {
        return name.length() <= 32 ? name : name.substring(0, 32) + "…";
    }

    private static Answer.Rejected tooLarge(String message) {
        return Answer.refused(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", message).reject();
    }

    private static Answer.Rejected malformed(String message) {
        return Answer.refused(HttpResponseStatus.BAD_REQUEST, "malformed_multipart", message).reject();
    }
}
