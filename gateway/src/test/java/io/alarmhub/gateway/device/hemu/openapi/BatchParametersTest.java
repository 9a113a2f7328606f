package io.alarmhub.gateway.device.hemu.openapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchParametersTest {

    private static final String FORM = "application/x-www-form-urlencoded";
    static final String DOCUMENT_JSON = "{\"deviceMacAddress\":\"000000300002\","
            + "\"userToken\":\"e10adc3949ba59abbe56e057f20f883e\",\"msgType\":\"MSG_P_THD_ADD_CAMERA_REQ\","
            + "\"userMobile\":\"13888888888\",\"deviceId\":\"110234567894562\","
            + "\"comment\":[\"HW':3RD-X01','FEATURE':0\"],\"deviceModelId\":\"Zhejiang_zj_cnmobile_001\"}";
    static final String DOCUMENT_BODY = "accessKey=5e2abe86-6aa&signature=0ba53e90b829efe05c6c0c420375f21a"
            + "&jsonObject=" + DOCUMENT_JSON;

    @Test
    void readsTheDocumentsRawBody() {
        BatchParameters read = BatchParameters.create("", FORM, bytes(DOCUMENT_BODY));

        assertThat(read.accessKey()).isEqualTo("5e2abe86-6aa");
        assertThat(read.signature()).isEqualTo("0ba53e90b829efe05c6c0c420375f21a");
        assertThat(read.jsonObject()).isEqualTo(DOCUMENT_JSON);
        String rawText = DOCUMENT_BODY.substring(DOCUMENT_BODY.indexOf("jsonObject=") + "jsonObject=".length());
        assertThat(ApiSignature.of("secret", read.accessKey(), read.jsonObject()))
                .isEqualTo(ApiSignature.of("secret", "5e2abe86-6aa", rawText));
    }

    @Test
    void readsAnEncodedBody() {
        String body = "accessKey=5e2abe86-6aa&signature=0ba5&jsonObject="
                + URLEncoder.encode(DOCUMENT_JSON, StandardCharsets.UTF_8);

        BatchParameters read = BatchParameters.create("", FORM + "; charset=UTF-8", bytes(body));

        assertThat(read.jsonObject()).isEqualTo(DOCUMENT_JSON);
        assertThat(body).contains("%7B%22").contains("%27");
    }

    @Test
    void readsTheDocumentsQueryExampleAndItsSignatureMatches() {
        BatchParameters read = BatchParameters.create(
                "accessKey=5e2abe86-6aa&jsonObject={a:1,b:2,c:3}&signature=1661d0fa85d325c27030af5783f63998",
                "", new byte[0]);

        assertThat(read).isEqualTo(new BatchParameters("5e2abe86-6aa", "1661d0fa85d325c27030af5783f63998",
                "{a:1,b:2,c:3}"));
        assertThat(ApiSignature.matches(read.signature(), "ADtuchbM8TBPhQdSi8U4", read.accessKey(),
                read.jsonObject())).isTrue();
    }

    @Test
    void rawJsonEndsAtItsBalancedValueWhateverItHolds() {
        String json = "{\"a\":\"x&y=}]\",\"b\":[1,{\"c\":\"\\\"}\"}],\"d\":\"50%+1\"}";

        BatchParameters read = BatchParameters.create("", FORM,
                bytes("accessKey=k&jsonObject=" + json + "&signature=0ba5"));

        assertThat(read.jsonObject()).isEqualTo(json);
        assertThat(read.signature()).isEqualTo("0ba5");
    }

    @Test
    void rawJsonMayBeAnArrayAndEndTheText() {
        BatchParameters read = BatchParameters.create("signature=s&accessKey=k&jsonObject=[1,[2]]", "", new byte[0]);

        assertThat(read.jsonObject()).isEqualTo("[1,[2]]");
    }

    @Test
    void decodesFormEncodingInOtherValuesAndNames() {
        BatchParameters read = BatchParameters.create("", "text/plain",
                bytes("access%4Bey=a+b%2Bc&signature=%E6%91%84&jsonObject=x%3D1"));

        assertThat(read).isEqualTo(new BatchParameters("a b+c", "\u6444", "x=1"));
    }

    @Test
    void skipsUnknownNamesAndEmptyPairs() {
        BatchParameters read = BatchParameters.create("", "",
                bytes("&&foo=%zz{&accessKey=k&&signature=s&jsonObject=j&bar&"));

        assertThat(read).isEqualTo(new BatchParameters("k", "s", "j"));
    }

    @Test
    void takesEachParameterFromTheBodyElseTheQuery() {
        BatchParameters read = BatchParameters.create("accessKey=k&signature=s", FORM,
                bytes("jsonObject=j&signature=s"));

        assertThat(read).isEqualTo(new BatchParameters("k", "s", "j"));
    }

    @Test
    void anEmptyBodyIsNoSourceWhateverItsContentType() {
        BatchParameters read = BatchParameters.create("accessKey=k&signature=s&jsonObject=j", "application/json",
                new byte[0]);

        assertThat(read.jsonObject()).isEqualTo("j");
    }

    @Test
    void refusesANameWithTwoValues() {
        assertThat(refused("accessKey=k&signature=s", FORM, "accessKey=other&jsonObject=j").description())
                .isEqualTo("accessKey differs between the body and the query");
        assertThat(refused("", FORM, "accessKey=k&signature=s&jsonObject=j&accessKey=k").description())
                .isEqualTo("accessKey is given twice in the body");
        assertThat(refused("jsonObject={}&jsonObject={}", "", "").description())
                .isEqualTo("jsonObject is given twice in the query");
    }

    @Test
    void refusesAnotherContentTypeWithABody() {
        OpenApiException refused = refused("", "application/json; charset=utf-8",
                "accessKey=k&signature=s&jsonObject=j");

        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.description()).contains("application/json");
    }

    @Test
    void namesAMissingOrEmptyKeyOrSignature() {
        assertThat(refused("", FORM, "signature=s&jsonObject=j").description()).isEqualTo("accessKey is missing");
        assertThat(refused("", FORM, "accessKey=&signature=s&jsonObject=j").description())
                .isEqualTo("accessKey is empty");
        assertThat(refused("", FORM, "accessKey=k&jsonObject=j").description()).isEqualTo("signature is missing");
        assertThat(refused("", FORM, "accessKey=k&signature&jsonObject=j").description())
                .isEqualTo("signature is empty");
    }

    @Test
    void aMissingOrEmptyJsonObjectIsEmptyJson() {
        for (String body : new String[] {"accessKey=k&signature=s", "accessKey=k&signature=s&jsonObject=",
                "jsonObject&accessKey=k&signature=s"}) {
            OpenApiException refused = refused("", FORM, body);
            assertThat(refused.code()).as(body).isEqualTo(ErrorCode.EMPTY_JSON);
            assertThat(refused.description()).startsWith("jsonObject is");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "%zz", "%4g", "%%41", "%\u0663\u0663", "%\uff11\uff11"})
    void refusesBadPercentEscapes(String value) {
        String body = "accessKey=k&signature=s&jsonObject=" + value;
        assertThat(refused("", FORM, body).description()).isEqualTo("bad %-escape in the body");
        assertThat(refused("accessKey=" + value, "", "").code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'a', 'c', 'c', 'e', 's', 's', 'K', 'e', 'y', '=', (byte) 0xc3, '('};
        assertThat(assertThrows(OpenApiException.class, () -> BatchParameters.create("", FORM, body))
                .description()).isEqualTo("the body is not UTF-8");
        assertThat(refused("accessKey=%C3%28", "", "").description())
                .isEqualTo("a %-escaped value in the query is not UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1", "{\"a\":\"}\"", "[[]", "{\"a\":\"x\\", "{\"a\":1}}", "{\"a\":1}x"})
    void refusesRawJsonThatDoesNotEndWell(String json) {
        OpenApiException refused = refused("", FORM, "accessKey=k&signature=s&jsonObject=" + json);

        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.description()).startsWith("in the body, jsonObject's raw JSON is");
        assertThat(refused.responseType()).isEmpty();
    }

    @Test
    void showsNeitherTheJsonNorItsTokenInToString() {
        BatchParameters read = BatchParameters.create("", FORM, bytes(DOCUMENT_BODY));

        assertThat(read.toString()).doesNotContain("e10adc3949ba59abbe56e057f20f883e").contains("5e2abe86-6aa")
                .contains(DOCUMENT_JSON.length() + " characters");
    }

    private static OpenApiException refused(String query, String contentType, String body) {
        return assertThrows(OpenApiException.class,
                () -> BatchParameters.create(query, contentType, bytes(body)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
