package dev.greeting.emulator.dataplane;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code $context} for one request: a mutable map, because templates may {@code #set}
 * {@code $context.responseOverride.status} and {@code $context.responseOverride.header.X}.
 */
public final class ContextVariables {
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The facts of one method request that $context exposes. */
    public record Request(String requestId, String accountId, String apiId, String stage, String httpMethod,
                          String resourcePath, String resourceId, String path, String domainName,
                          String sourceIp, String userAgent, Instant requestTime) {}

    private ContextVariables() {}

    public static Map<String, Object> of(Request r) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("requestId", r.requestId());
        c.put("extendedRequestId", r.requestId());
        c.put("accountId", r.accountId());
        c.put("apiId", r.apiId());
        c.put("stage", r.stage());
        c.put("httpMethod", r.httpMethod());
        c.put("resourcePath", r.resourcePath());
        c.put("resourceId", r.resourceId());
        c.put("path", r.path());
        c.put("protocol", "HTTP/1.1");
        c.put("domainName", r.domainName());
        c.put("domainPrefix", r.domainName() == null ? null : r.domainName().split("\\.")[0]);
        c.put("requestTime", CLF.format(r.requestTime()));
        c.put("requestTimeEpoch", r.requestTime().toEpochMilli());
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", r.sourceIp());
        identity.put("userAgent", r.userAgent());
        identity.put("accountId", null);
        identity.put("apiKey", null);
        identity.put("apiKeyId", null);
        identity.put("caller", null);
        identity.put("user", null);
        identity.put("userArn", null);
        c.put("identity", identity);
        c.put("authorizer", new LinkedHashMap<>());
        Map<String, Object> requestOverride = new LinkedHashMap<>();
        requestOverride.put("header", new LinkedHashMap<>());
        requestOverride.put("path", new LinkedHashMap<>());
        requestOverride.put("querystring", new LinkedHashMap<>());
        c.put("requestOverride", requestOverride);
        Map<String, Object> responseOverride = new LinkedHashMap<>();
        responseOverride.put("header", new LinkedHashMap<>());
        c.put("responseOverride", responseOverride);
        return c;
    }
}
