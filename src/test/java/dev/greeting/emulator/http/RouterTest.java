package dev.greeting.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouterTest {
    private static final Handler NONE = r -> ApiResponse.empty(204);

    private final Router router = new Router()
            .add(Service.APIGATEWAY, "GetRestApis", "GET", "/restapis", NONE)
            .add(Service.APIGATEWAY, "CreateRestApi", "POST", "/restapis", NONE)
            .add(Service.APIGATEWAY, "ImportRestApi", "POST", "/restapis?mode=import", NONE)
            .add(Service.APIGATEWAY, "GetRestApi", "GET", "/restapis/{restapi_id}", NONE)
            .add(Service.APIGATEWAY, "GetStage", "GET", "/restapis/{restapi_id}/stages/{stage_name}", NONE)
            .add(Service.APIGATEWAY, "GetTags", "GET", "/tags/{resource_arn}", NONE)
            .add(Service.EXECUTE_API, "Invoke", "GET", "/restapis/{api}/{stage}/_user_request_/{proxy+}", NONE);

    @ParameterizedTest
    @CsvSource({
        "GET, /restapis, GetRestApis",
        "POST, /restapis, CreateRestApi",
        "GET, /restapis/abc, GetRestApi",
        "GET, /restapis/abc/stages/test, GetStage",
        "GET, /restapis/abc/test/_user_request_/v1/greeting, Invoke",
    })
    void findsTheOperation(String method, String path, String operation) {
        assertThat(router.match(method, path, Map.of())).get()
                .extracting(m -> m.route().operation()).isEqualTo(operation);
    }

    @Test
    void aRequiredQueryParameterSelectsTheRoute() {
        assertThat(router.match("POST", "/restapis", Map.of("mode", List.of("import")))).get()
                .extracting(m -> m.route().operation()).isEqualTo("ImportRestApi");
    }

    @Test
    void pathParametersArePercentDecodedAndGreedyParametersKeepSlashes() {
        var tags = router.match("GET", "/tags/arn%3Aaws%3Aapigateway%3Aus-west-2%3A%3A%2Frestapis%2Fabc", Map.of()).orElseThrow();
        assertThat(tags.pathParams()).containsEntry("resource_arn", "arn:aws:apigateway:us-west-2::/restapis/abc");
        var invoke = router.match("GET", "/restapis/abc/test/_user_request_/v1/greeting", Map.of()).orElseThrow();
        assertThat(invoke.pathParams()).containsEntry("proxy", "v1/greeting").containsEntry("stage", "test");
    }

    @Test
    void unknownPathsAndMethodsDoNotMatch() {
        assertThat(router.match("DELETE", "/restapis", Map.of())).isEmpty();
        assertThat(router.match("GET", "/restapis/abc/unknown/x", Map.of())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"a%2Fb, a/b", "a+b, a+b", "%E2%9C%93, \u2713", "100%, 100%", "%zz, %zz"})
    void percentDecodingFollowsRfc3986(String raw, String decoded) {
        assertThat(PercentDecoder.decode(raw)).isEqualTo(decoded);
    }

    @Test
    void regionComesFromTheSigV4CredentialScope() {
        assertThat(ApiRequest.regionFromAuthorization(
                "AWS4-HMAC-SHA256 Credential=test/20260101/eu-central-1/apigateway/aws4_request, SignedHeaders=host"))
                .isEqualTo("eu-central-1");
        assertThat(ApiRequest.regionFromAuthorization(null)).isEqualTo("us-east-1");
    }
}
