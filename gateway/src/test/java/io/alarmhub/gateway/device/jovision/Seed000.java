package io.alarmhub.gateway.device.jovision;

/**
 * The debug examples ("调试实例") of the vendor's document, seed 000, copied verbatim: each request and the
 * reply the document shows for it.
 */
final class Seed000 {

    /** CloudSEE scheme: one text message per alarm. */
    static final String ALARM =
            "{\"mt\":2219,\"lpt\":9,\"pv\":\"1.0\",\"mid\":99,\"dguid\":\"S35084741\",\"ats\":1411626360,"
                    + "\"dname\":\"HD_IPC\",\"dcn\":1,\"atype\":9,\"apic\":\"100634.jpg\",\"avideo\":\"100634.mp4\"}";
    static final String ALARM_REPLY = "{\"mt\":2220,\"rt\":0,\"mid\":99,\"dguid\":\"S35084741\",\"ats\":1411626360}";

    /** FTP scheme: three messages per alarm. The text message. */
    static final String FTP_TEXT =
            "{\"mt\":2221,\"lpt\":9,\"pv\":\"1.0\",\"mid\":100,\"amt\":0,\"dguid\":\"S35084741\",\"ats\":1411626387,"
                    + "\"dname\":\"HD_IPC\",\"dcn\":1,\"atype\":9}";
    static final String FTP_TEXT_REPLY =
            "{\"mt\":2222,\"rt\":0,\"mid\":100,\"dguid\":\"S35084741\",\"ats\":1411626387}";

    /** Picture uploaded (S35084741:1411626387). */
    static final String FTP_PICTURE =
            "{\"mt\":2221,\"lpt\":9,\"pv\":\"1.0\",\"mid\":101,\"amt\":1,\"dguid\":\"S35084741\",\"ats\":1411626387}";
    static final String FTP_PICTURE_REPLY =
            "{\"mt\":2222,\"rt\":0,\"mid\":101,\"dguid\":\"S35084741\",\"ats\":1411626387}";

    /** Clip uploaded (S35084741:1411626387). */
    static final String FTP_VIDEO =
            "{\"mt\":2221,\"lpt\":9,\"pv\":\"1.0\",\"mid\":102,\"amt\":2,\"dguid\":\"S35084741\",\"ats\":1411626387}";
    /**
     * The document shows {@code "mid":101} here, for the request with {@code "mid":102}: a copy-and-paste
     * error (every other reply echoes its request's mid, and a device matches replies by mid). We echo 102.
     */
    static final String FTP_VIDEO_REPLY =
            "{\"mt\":2222,\"rt\":0,\"mid\":102,\"dguid\":\"S35084741\",\"ats\":1411626387}";
    /** The reply exactly as the document prints it, to show where we differ. */
    static final String FTP_VIDEO_REPLY_AS_PRINTED =
            "{\"mt\":2222,\"rt\":0,\"mid\":101,\"dguid\":\"S35084741\",\"ats\":1411626387}";

    /** Not in the vendor document (docs/device-events.md, Jovision): online, heartbeat, offline with the same keys. */
    static final String ONLINE =
            "{\"mt\":2201,\"lpt\":9,\"pv\":\"1.0\",\"mid\":1,\"dguid\":\"S35084741\",\"dname\":\"HD_IPC\"}";
    static final String ONLINE_REPLY = "{\"mt\":2202,\"rt\":0,\"mid\":1,\"dguid\":\"S35084741\"}";
    static final String HEARTBEAT = "{\"mt\":2203,\"lpt\":9,\"pv\":\"1.0\",\"mid\":2,\"dguid\":\"S35084741\"}";
    static final String HEARTBEAT_REPLY = "{\"mt\":2204,\"rt\":0,\"mid\":2,\"dguid\":\"S35084741\"}";
    static final String OFFLINE = "{\"mt\":2205,\"lpt\":9,\"pv\":\"1.0\",\"mid\":3,\"dguid\":\"S35084741\"}";
    static final String OFFLINE_REPLY = "{\"mt\":2206,\"rt\":0,\"mid\":3,\"dguid\":\"S35084741\"}";

    private Seed000() {
    }
}
