package io.alarmhub.gateway.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How JSON from the network is read and written: bounded parsing, one value per text (anything after it
 * makes the text malformed), and numbers kept with their digits, so that what a device or client sent is
 * what is stored, echoed and passed on ({@code 2.50} stays {@code 2.50}).
 *
 * <p>Jackson's defaults allow 1,000 levels of nesting, 20 MB strings and 1,000-digit numbers; those are
 * limits for trusted documents. A frame here is already bounded by its face's size limit, and these
 * bounds keep what is inside one frame cheap too. The mapper itself never leaves this class, so nobody can
 * reconfigure it; faces get immutable readers and writers.
 */
public final class NetworkJson {

    /** Nesting depth of the push protocol, the enterprise stream and VStarcam bodies. */
    public static final int MAX_DEPTH = 64;
    /** Digits in one number: more than any id, time or amount the protocols carry. */
    public static final int MAX_NUMBER_LENGTH = 64;
    /** Characters in one string: a push message's text and payload are far below this. */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** Characters in one property name. */
    public static final int MAX_NAME_LENGTH = 1024;

    private static final NetworkJson STANDARD = new NetworkJson(MAX_DEPTH, false);

    private final JsonMapper mapper;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private NetworkJson(int maxDepth, boolean trailingCommas) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .build();
        mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .configure(JsonReadFeature.ALLOW_TRAILING_COMMA, trailingCommas)
                .build();
        reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        writer = mapper.writer();
    }

    /** The standard limits, {@link #MAX_DEPTH} levels deep. */
    public static NetworkJson standard() {
        return STANDARD;
    }

    /** The standard limits with a shallower nesting depth, for a protocol whose messages are flat. */
    public static NetworkJson withMaxDepth(int maxDepth) {
        checkDepth(maxDepth);
        return maxDepth == MAX_DEPTH ? STANDARD : new NetworkJson(maxDepth, false);
    }

    /**
     * The standard limits with a shallower nesting depth, reading a comma after an object's or array's last
     * element as if it were not there ({@code {"a":1,}}): for a protocol whose vendor documents such JSON
     * (Hemu), so that a device built from the document is not refused for it.
     */
    public static NetworkJson withMaxDepthAndTrailingCommas(int maxDepth) {
        checkDepth(maxDepth);
        return new NetworkJson(maxDepth, true);
    }

    private static void checkDepth(int maxDepth) {
        if (maxDepth < 1 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("max depth " + maxDepth + " is not within 1-" + MAX_DEPTH);
        }
    }

    /** Reads exactly one JSON value; trailing content is an error. */
    public ObjectReader reader() {
        return reader;
    }

    public ObjectWriter writer() {
        return writer;
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ArrayNode array() {
        return mapper.createArrayNode();
    }

    /** {@code value} (a map, list or scalar of another library) as a tree. */
    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    public StreamReadConstraints constraints() {
        return mapper.getFactory().streamReadConstraints();
    }

    /**
     * Gives a library's own mapper these limits and number handling, for a face whose JSON a library
     * parses (netty-socketio).
     */
    public void applyTo(ObjectMapper foreign) {
        foreign.getFactory().setStreamReadConstraints(constraints());
        foreign.configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
        foreign.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
}
