package dev.greeting.emulator.dataplane;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a mapping template sees: the payload ({@code $input.body}, the method request body or, in a
 * response template, the integration response body), the method request's parameters, the
 * {@code $context} variables and the stage's {@code $stageVariables}.
 */
public record TemplateInput(
        String body,
        Map<String, String> pathParams,
        Map<String, String> queryParams,
        Map<String, String> headers,
        Map<String, Object> context,
        Map<String, String> stageVariables) {

    public TemplateInput {
        body = body == null ? "" : body;
        pathParams = Collections.unmodifiableMap(new LinkedHashMap<>(pathParams == null ? Map.of() : pathParams));
        queryParams = Collections.unmodifiableMap(new LinkedHashMap<>(queryParams == null ? Map.of() : queryParams));
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            h.putAll(headers);
        }
        headers = Collections.unmodifiableMap(h);
        context = context == null ? new LinkedHashMap<>() : context;
        stageVariables = stageVariables == null ? Map.of() : stageVariables;
    }

    /** The same request seen by a response template: the integration's payload in place of the body. */
    public TemplateInput withBody(String newBody) {
        return new TemplateInput(newBody, pathParams, queryParams, headers, context, stageVariables);
    }
}
