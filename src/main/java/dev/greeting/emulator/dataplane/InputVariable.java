package dev.greeting.emulator.dataplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $input}: the payload ({@code body}, {@code json('$..')}, {@code path('$..')}) and the
 * method request parameters ({@code params()}, {@code params('name')}: path, then query string,
 * then header). Public because Velocity calls its methods.
 */
public final class InputVariable {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Configuration JSON_PATH = Configuration.builder()
            .jsonProvider(new JacksonJsonProvider(JSON))
            .mappingProvider(new JacksonMappingProvider(JSON))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final TemplateInput input;
    private Object document;
    private boolean parsed;

    InputVariable(TemplateInput input) {
        this.input = input;
    }

    /** The raw payload as a string. */
    public String getBody() {
        return input.body();
    }

    /** The JSONPath result as a JSON string ({@code $input.json('$.pets')}); empty when nothing matches. */
    public String json(String path) {
        Object value = read(path);
        if (value == null) {
            return "";
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSONPath result as objects VTL can navigate (maps, lists, strings, numbers). */
    public Object path(String path) {
        return read(path);
    }

    /** Every parameter: {@code path}, {@code querystring} and {@code header} maps. */
    public Map<String, Map<String, String>> params() {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        all.put("path", input.pathParams());
        all.put("querystring", input.queryParams());
        all.put("header", input.headers());
        return all;
    }

    /** One parameter by name, from the path, else the query string, else a header; empty if absent. */
    public String params(String name) {
        if (input.pathParams().containsKey(name)) {
            return input.pathParams().get(name);
        }
        if (input.queryParams().containsKey(name)) {
            return input.queryParams().get(name);
        }
        String header = input.headers().get(name);
        return header == null ? "" : header;
    }

    private Object read(String path) {
        Object doc = document();
        return JsonPath.using(JSON_PATH).parse(doc).read(path);
    }

    private Object document() {
        if (!parsed) {
            String body = input.body();
            try {
                document = body.isBlank() ? new LinkedHashMap<>() : JSON.readValue(body, Object.class);
            } catch (JsonProcessingException e) {
                throw new MappingTemplateException(400,
                        "Could not parse request body into json: Could not parse payload into json: " + e.getOriginalMessage(), e);
            }
            parsed = true;
        }
        return document;
    }

    @Override
    public String toString() {
        return input.body();
    }
}
