package io.alarmhub.gateway.push.websocket;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketRouteTest {

    private static WebSocketRoute route(String uri) {
        return WebSocketRoute.of(uri, 16);
    }

    @Test
    void oneSegmentWsIsThePushProtocol() {
        assertThat(route("/ws")).isEqualTo(new WebSocketRoute.Push());
        assertThat(route("/ws/?alias=a")).isEqualTo(new WebSocketRoute.Push());
    }

    @Test
    void twoSegmentsAreACaptureRoomAndThreeAnIntercom() {
        assertThat(route("/capture-1-2-3/0")).isEqualTo(new WebSocketRoute.Capture("capture-1-2-3", 0));
        assertThat(route("/capture-1-2-3/1?x=y")).isEqualTo(new WebSocketRoute.Capture("capture-1-2-3", 1));
        assertThat(route("/301/1/iOS")).isEqualTo(new WebSocketRoute.Intercom("301", 1, "ios"));
        assertThat(route("/301/0/android")).isEqualTo(new WebSocketRoute.Intercom("301", 0, "android"));
    }

    @Test
    void segmentsArePercentDecodedOneByOne() {
        assertThat(route("/%E5%B0%8F%E5%8C%BA/0")).isEqualTo(new WebSocketRoute.Capture("小区", 0));
        assertThat(route("/a%2Fb/1")).isEqualTo(new WebSocketRoute.Capture("a/b", 1));
        assertThat(route("/a+b/1")).isEqualTo(new WebSocketRoute.Capture("a+b", 1));
    }

    @Test
    void unknownShapesAreNotFound() {
        for (String uri : new String[] {"/", "/chat", "/a//0", "/a/0/ios/x", ""}) {
            assertThat(route(uri)).as(uri).isInstanceOfSatisfying(WebSocketRoute.Rejected.class,
                    r -> assertThat(r.status()).isEqualTo(HttpResponseStatus.NOT_FOUND));
        }
    }

    @Test
    void badParametersAreBadRequests() {
        for (String uri : new String[] {"/a/2", "/a/x/ios", "/a/0/windows", "/%zz/0", "/" + "r".repeat(17) + "/0",
                "/" + "%E5%B0%8F".repeat(17) + "/0"}) {
            assertThat(route(uri)).as(uri).isInstanceOfSatisfying(WebSocketRoute.Rejected.class,
                    r -> assertThat(r.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
        }
    }
}
