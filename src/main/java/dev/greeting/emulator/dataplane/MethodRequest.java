package dev.greeting.emulator.dataplane;

import java.util.List;
import java.util.Map;

/**
 * A call of an API method as the gateway receives it.
 *
 * @param path        the path below the stage, e.g. {@code /greeting}
 * @param query       each query parameter's last value (what {@code $input.params} sees)
 * @param multiQuery  every value of each query parameter
 * @param headers     request headers (one value each)
 */
public record MethodRequest(String httpMethod, String path, Map<String, String> query,
                            Map<String, List<String>> multiQuery, Map<String, String> headers, String body,
                            String sourceIp) {

    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
