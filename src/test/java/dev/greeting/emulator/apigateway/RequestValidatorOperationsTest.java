package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.GetRequestValidatorsResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;

class RequestValidatorOperationsTest extends ApiGatewayTestSupport {

    @Test
    void requestValidatorLifecycle() {
        String apiId = createApi("validators");
        var created = apigw.createRequestValidator(b -> b.restApiId(apiId).name("params").validateRequestParameters(true));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.id()).matches("[a-z0-9]{6}");
        assertThat(created.validateRequestParameters()).isTrue();
        assertThat(created.validateRequestBody()).isFalse();

        var updated = apigw.updateRequestValidator(b -> b.restApiId(apiId).requestValidatorId(created.id())
                .patchOperations(replace("/validateRequestBody", "true"), replace("/name", "both")));
        assertThat(updated.validateRequestBody()).isTrue();
        assertThat(updated.name()).isEqualTo("both");
        assertThat(apigw.getRequestValidator(b -> b.restApiId(apiId).requestValidatorId(created.id())).name()).isEqualTo("both");

        var deleted = apigw.deleteRequestValidator(b -> b.restApiId(apiId).requestValidatorId(created.id()));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertAwsError(() -> apigw.getRequestValidator(b -> b.restApiId(apiId).requestValidatorId(created.id())),
                NotFoundException.class, 404, "Invalid Request Validator identifier specified");
    }

    @Test
    void requestValidatorsArePaged() {
        String apiId = createApi("validator-pages");
        for (int i = 0; i < 4; i++) {
            int n = i;
            apigw.createRequestValidator(b -> b.restApiId(apiId).name("v" + n));
        }
        List<String> names = new ArrayList<>();
        String position = null;
        do {
            String from = position;
            GetRequestValidatorsResponse page = apigw.getRequestValidators(b -> b.restApiId(apiId).limit(3).position(from));
            page.items().forEach(v -> names.add(v.name()));
            position = page.position();
        } while (position != null);
        assertThat(names).containsExactly("v0", "v1", "v2", "v3");
    }

    @Test
    void requestValidatorErrorsAreAwsErrors() {
        String apiId = createApi("validator-errors");
        assertAwsError(() -> apigw.createRequestValidator(b -> b.restApiId("nonexistent").name("x")), BadRequestException.class,
                400, "Invalid REST API identifier specified");
        assertAwsError(() -> apigw.getRequestValidators(b -> b.restApiId("nonexistent")), NotFoundException.class, 404,
                "Invalid API identifier specified 123456789012:nonexistent");
        String id = apigw.createRequestValidator(b -> b.restApiId(apiId).name("x")).id();
        assertAwsError(() -> apigw.updateRequestValidator(b -> b.restApiId(apiId).requestValidatorId(id)
                .patchOperations(replace("/id", "y"))), BadRequestException.class, 400,
                "Invalid patch path  '/id' specified for op 'replace'. Must be one of: "
                        + "[/name, /validateRequestParameters, /validateRequestBody]");
        assertAwsError(() -> apigw.updateRequestValidator(b -> b.restApiId(apiId).requestValidatorId(id)
                .patchOperations(replace("/name", ""))), BadRequestException.class, 400, "Request Validator name cannot be blank");
    }
}
