package io.alarmhub.gateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alarmhub.gateway.device.hemu.plan.CameraPlan;
import io.alarmhub.gateway.device.hemu.plan.OwnPlan;
import io.alarmhub.gateway.device.hemu.plan.PlanRequest;
import io.alarmhub.gateway.device.hemu.plan.PlanStatus;
import io.alarmhub.gateway.device.hemu.plan.Thumbnails;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of an operator's plan change ({@code POST /hemu/admin/plan/{deviceId}}), read by
 * {@link PlanRequest#read}: the input, as UTF-8 text, is the body.
 *
 * <p>Asserted, for every input: nothing but {@link PlanRequest.Invalid} escapes, its message printable ASCII of at
 * most 200 characters; a request read changes something, each value within its range and no plan 44; written back
 * as a body it reads as itself; and the camera's own plan it makes (over the configured one) is stored and loaded
 * as itself.
 */
class PlanRequestFuzzTest {

    private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7e]{1,200}");
    private static final CameraPlan CONFIGURED = new CameraPlan(PlanStatus.EXPIRED, 0, new Thumbnails(0, 640, 360));

    @FuzzTest(maxDuration = "30s")
    void bodies(byte[] input) {
        PlanRequest request;
        try {
            request = PlanRequest.read(new String(input, StandardCharsets.UTF_8));
        } catch (PlanRequest.Invalid refused) {
            assertThat(refused.getMessage()).matches(PRINTABLE);
            return;
        }
        assertThat(request.touchesPlan() || request.touchesThumbnails()).isTrue();
        request.serviceDays().ifPresent(d -> assertThat(d).isBetween(0, PlanRequest.MAX_SERVICE_DAYS));
        request.span().ifPresent(s -> assertThat(s).isBetween(0, PlanRequest.MAX_SPAN));
        request.width().ifPresent(w -> assertThat(w).isBetween(PlanRequest.MIN_SIDE, PlanRequest.MAX_WIDTH));
        request.height().ifPresent(h -> assertThat(h).isBetween(PlanRequest.MIN_SIDE, PlanRequest.MAX_HEIGHT));
        assertThat(PlanRequest.read(body(request).toString())).isEqualTo(request);

        OwnPlan own = OwnPlan.NONE.with(request, CONFIGURED);
        assertThat(OwnPlan.of(own.json())).isEqualTo(own);
        CameraPlan plan = own.over(CONFIGURED);
        assertThat(plan.status().code()).isBetween(0, 3);
        assertThat(plan.thumbnails().span()).isEqualTo(request.span().orElse(CONFIGURED.thumbnails().span()));
    }

    private static ObjectNode body(PlanRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        request.status().ifPresent(s -> body.put("deviceStatus", s.code()));
        request.serviceDays().ifPresent(d -> body.put("serviceDays", d));
        if (request.touchesThumbnails()) {
            ObjectNode thumbnails = body.putObject("thumbnails");
            request.span().ifPresent(s -> thumbnails.put("span", s));
            request.width().ifPresent(w -> thumbnails.put("width", w));
            request.height().ifPresent(h -> thumbnails.put("height", h));
        }
        return body;
    }
}
