package dev.greeting.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP request as a handler sees it: path parameters already decoded, query parameters
 * multi-valued, headers keyed in lower case, and the AWS region taken from the SigV4 credential
 * scope (signatures themselves are not checked).
 */
public record ApiRequest(
        String method,
        String rawPath,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, List<String>> headers,
        byte[] body,
        String region,
        String sourceIp) {

    private static final Pattern CREDENTIAL_SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/");
    public static final String DEFAULT_REGION = "us-east-1";

    /** The region named in an {@code Authorization: AWS4-HMAC-SHA256 Credential=...} header. */
    public static String regionFromAuthorization(String authorization) {
        if (authorization == null) {
            return DEFAULT_REGION;
        }
        Matcher m = CREDENTIAL_SCOPE.matcher(authorization);
        return m.find() ? m.group(1) : DEFAULT_REGION;
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON; malformed JSON is a 400 of the given service's flavour. */
    public JsonNode json(Service service) {
        AwsException error = service == Service.LAMBDA
                ? new AwsException(400, "InvalidRequestContentException", "Could not parse request body into json")
                : AwsException.badRequest("Invalid JSON in request body");
        return Json.parse(body, error);
    }

    /** The body as an API Gateway request (BadRequestException on malformed JSON). */
    public JsonNode json() {
        return json(Service.APIGATEWAY);
    }
}
