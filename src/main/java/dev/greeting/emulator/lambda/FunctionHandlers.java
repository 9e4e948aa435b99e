package dev.greeting.emulator.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Json;
import dev.greeting.emulator.http.Service;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** CreateFunction, GetFunction, ListFunctions, UpdateFunctionCode, DeleteFunction, and the download of a function's code. */
final class FunctionHandlers {
    static final String CODE_PATH = "/_emulator/lambda/code";
    private static final int DEFAULT_MAX_ITEMS = 50;

    private final FunctionStore store;
    private final Clock clock;

    FunctionHandlers(FunctionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    ApiResponse create(ApiRequest request) {
        LambdaFunction function = NewFunction.read(request.json(Service.LAMBDA), request.region(), clock.instant());
        store.create(function);
        return ApiResponse.json(201, FunctionJson.configuration(function));
    }

    ApiResponse get(ApiRequest request) {
        LambdaFunction function = store.get(FunctionNames.resolve(request));
        return ApiResponse.json(200, FunctionJson.getFunction(function, codeLocation(request, function)));
    }

    ApiResponse list(ApiRequest request) {
        Integer maxItems = request.queryParam("MaxItems").map(FunctionHandlers::parseInt).orElse(DEFAULT_MAX_ITEMS);
        new Validation().range("maxItems", maxItems, 1, 10000).check();
        String after = request.queryParam("Marker").map(FunctionHandlers::decodeMarker).orElse("");
        List<LambdaFunction> remaining = store.list(request.region()).stream()
                .filter(f -> f.name().compareTo(after) > 0).toList();
        List<LambdaFunction> page = remaining.subList(0, Math.min(maxItems, remaining.size()));
        ObjectNode body = Json.object();
        if (remaining.size() > page.size()) {
            body.put("NextMarker", encodeMarker(page.get(page.size() - 1).name()));
        }
        var functions = body.putArray("Functions");
        page.forEach(f -> functions.add(FunctionJson.listed(f)));
        return ApiResponse.json(200, body);
    }

    /**
     * UpdateFunctionCode from a ZipFile (the emulator has no S3); the next invocation runs the new code
     * (the runtime starts fresh processes for a changed package). Publish and DryRun are not modelled.
     */
    ApiResponse updateCode(ApiRequest request) {
        var body = request.json(Service.LAMBDA);
        byte[] zip = NewFunction.zipFile(body);
        String expected = body.path("RevisionId").asText(null);
        LambdaFunction updated = store.update(FunctionNames.resolve(request), current -> {
            if (expected != null && !expected.equals(current.revisionId())) {
                throw AwsException.preconditionFailed("The Revision Id provided does not match the latest Revision Id. "
                        + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
            }
            return current.withCode(zip, NewFunction.sha256(zip), clock.instant(), UUID.randomUUID().toString());
        });
        return ApiResponse.json(200, FunctionJson.configuration(updated));
    }

    /** Lambda answers a successful delete with 204 and no body (the SDK reports it as StatusCode). */
    ApiResponse delete(ApiRequest request) {
        store.delete(FunctionNames.resolve(request));
        return ApiResponse.empty(204);
    }

    /** Not an AWS operation: serves the package that GetFunction's Code.Location points to. */
    ApiResponse code(ApiRequest request) {
        FunctionRef ref = new FunctionRef(request.path("region"), FunctionRef.ACCOUNT_ID, request.path("name"), null);
        LambdaFunction function = store.find(ref)
                .orElseThrow(() -> AwsException.notFound("No code for " + ref.arn()));
        return new ApiResponse(200, Map.of("Content-Type", "application/zip"), function.zip());
    }

    private static String codeLocation(ApiRequest request, LambdaFunction f) {
        String host = request.header("host").orElse("localhost:4566");
        return "http://" + host + CODE_PATH + "/" + f.region() + "/" + f.name() + "?revision=" + f.revisionId();
    }

    private static Integer parseInt(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AwsException.invalidParameter("Invalid MaxItems: " + value);
        }
    }

    // The marker is opaque to callers; it carries the last name of the previous page.
    private static String encodeMarker(String lastName) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeMarker(String marker) {
        try {
            return new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw AwsException.invalidParameter("Invalid Marker: " + marker);
        }
    }
}
