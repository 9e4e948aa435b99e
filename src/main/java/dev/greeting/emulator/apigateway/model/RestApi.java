package dev.greeting.emulator.apigateway.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The RestApi shape of API Gateway's service model. */
public record RestApi(
        String id,
        String name,
        String description,
        @EpochSeconds Instant createdDate,
        String version,
        List<String> binaryMediaTypes,
        Integer minimumCompressionSize,
        String apiKeySource,
        EndpointConfiguration endpointConfiguration,
        String policy,
        Map<String, String> tags,
        Boolean disableExecuteApiEndpoint,
        String rootResourceId) {

    public RestApi {
        binaryMediaTypes = binaryMediaTypes == null || binaryMediaTypes.isEmpty() ? null : Immutable.list(binaryMediaTypes);
        tags = tags == null || tags.isEmpty() ? null : Immutable.map(tags);
    }

    public RestApi withTags(Map<String, String> newTags) {
        return new RestApi(id, name, description, createdDate, version, binaryMediaTypes, minimumCompressionSize,
                apiKeySource, endpointConfiguration, policy, newTags, disableExecuteApiEndpoint, rootResourceId);
    }
}
