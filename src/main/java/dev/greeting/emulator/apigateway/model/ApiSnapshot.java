package dev.greeting.emulator.apigateway.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable copy of one REST API's whole configuration at one moment: what a deployment froze
 * (see {@link DeployedStage}) or the live configuration (for TestInvokeMethod). Every record in it
 * is immutable, so later changes to the API never show through.
 *
 * @param restApi           the API's own settings (id, binary media types, ...)
 * @param resources         every resource with its full path and methods (each with its method
 *                          responses, integration and integration responses), sorted by path
 * @param requestValidators the API's request validators by id
 * @param takenAt           when the copy was made
 */
public record ApiSnapshot(RestApi restApi, List<Resource> resources, Map<String, RequestValidator> requestValidators,
                          Instant takenAt) {

    public ApiSnapshot {
        resources = List.copyOf(resources);
        requestValidators = Immutable.map(requestValidators);
    }

    public String restApiId() {
        return restApi.id();
    }

    public Optional<Resource> resourceById(String resourceId) {
        return resources.stream().filter(r -> r.id().equals(resourceId)).findFirst();
    }

    /** The resource whose path template is exactly {@code path} (e.g. {@code /pets/{id}}); no path matching. */
    public Optional<Resource> resourceByPath(String path) {
        return resources.stream().filter(r -> r.path().equals(path)).findFirst();
    }

    public Optional<RequestValidator> requestValidator(String validatorId) {
        return validatorId == null ? Optional.empty() : Optional.ofNullable(requestValidators.get(validatorId));
    }
}
