package dev.greeting.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.reconcile.ObservedState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.IntegrationResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Reads what AWS has for one GreetingApi. In steady state: GetResources with methods embedded,
 * GetStages, and GetPolicy (managed permission only). The API's name and tags are read only when
 * asked (the spec changed) or when the API is looked up by its UID tag, which happens when the
 * status does not know the API (first reconcile, a crash before the status write) or it is gone.
 */
final class ApiObserver {
    private static final Logger LOG = LoggerFactory.getLogger(ApiObserver.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final AwsCalls calls;
    private final DeploymentHashes hashes;
    private final Set<String> createSent;
    private final Map<String, Map<String, RestApi>> firstListings = new ConcurrentHashMap<>();
    /** By region: APIs by resource tag, listed once (only {@code plan} asks, in one short-lived process). */
    private final Map<String, Map<String, RestApi>> resourceListings = new ConcurrentHashMap<>();

    /** @param createSent UIDs this process has sent a CreateRestApi for (the executor adds them) */
    ApiObserver(AwsCalls calls, DeploymentHashes hashes, Set<String> createSent) {
        this.calls = calls;
        this.hashes = hashes;
        this.createSent = createSent;
    }

    ObservedState observe(DesiredState desired, String knownRestApiId, boolean readAttributes) {
        String region = desired.region();
        String apiId = knownRestApiId;
        ObservedState.RestApiAttributes attributes = null;
        List<ObservedState.Resource> resources = null;
        if (apiId != null && readAttributes) {
            RestApi api = getRestApi(region, apiId);
            attributes = api == null ? null : attributes(api);
            apiId = api == null ? null : apiId;
        }
        if (apiId != null) {
            resources = resources(region, apiId);
            apiId = resources == null ? null : apiId;
        }
        if (apiId == null) {
            RestApi found = findByUid(region, desired.uid());
            if (found == null) {
                return ObservedState.none();
            }
            apiId = found.id();
            attributes = attributes(found);
            resources = resources(region, apiId);
            if (resources == null) {
                return ObservedState.none();
            }
        }
        String id = apiId;
        List<ObservedState.Stage> stages = calls.apiGateway(region, "GetStages", c -> c.getStages(b -> b.restApiId(id)))
                .item().stream()
                .map(s -> new ObservedState.Stage(s.stageName(), s.deploymentId(), s.description()))
                .toList();
        Map<String, String> deploymentHashes = new HashMap<>();
        boolean[] firstSight = {false};
        stages.stream().filter(s -> s.name().equals(desired.stage()) && s.deploymentId() != null).findFirst()
                .ifPresent(s -> {
                    firstSight[0] = !hashes.knows(id, s.deploymentId());
                    String hash = hashes.hashOf(region, id, s.deploymentId());
                    if (hash != null) {
                        deploymentHashes.put(s.deploymentId(), hash);
                    }
                });
        ObservedState.Permission permission = desired.managedPermission() ? permission(desired) : null;
        // Without its stage (deleted out of band, or renamed), the deployment it served is no longer
        // found through the stages: list the deployments so that none is left behind.
        boolean stageMissing = stages.stream().noneMatch(s -> s.name().equals(desired.stage()));
        // A stage deployment this process has not made or seen before: a predecessor may have crashed
        // between repointing the stage and deleting what it served before, so list once to find out.
        // Later resyncs know the hash and skip the listing (steady state stays at three reads).
        return new ObservedState(apiId, attributes, resources, stages, deploymentHashes,
                stageMissing || firstSight[0] ? deploymentIds(region, id) : null, permission);
    }

    private List<String> deploymentIds(String region, String apiId) {
        List<String> ids = new ArrayList<>();
        String position = null;
        do {
            String from = position;
            var page = calls.apiGateway(region, "GetDeployments",
                    c -> c.getDeployments(b -> b.restApiId(apiId).limit(PAGE).position(from)));
            page.items().forEach(d -> ids.add(d.id()));
            position = page.position();
        } while (position != null && !position.isEmpty());
        return ids;
    }

    /**
     * The API tagged with this resource's UID, if any (the oldest, should there be several). An API
     * this process did not create (a crashed predecessor's, a half-built one whose status was lost)
     * existed before this process started, so one listing of the region after the start answers for
     * every such resource: a thousand new resources cost ceil(APIs / 500) GetRestApis in all, not
     * each. Only a resource this process has sent a CreateRestApi for (whose answer may have been
     * lost) needs a fresh listing.
     */
    RestApi findByUid(String region, String uid) {
        if (!createSent.contains(uid)) {
            return firstListing(region).get(uid);
        }
        return listByUid(region).get(uid);
    }

    private Map<String, RestApi> firstListing(String region) {
        Map<String, RestApi> listing = firstListings.get(region);
        if (listing != null) {
            return listing;
        }
        synchronized (firstListings) {
            return firstListings.computeIfAbsent(region, this::listByUid);
        }
    }

    /** Every API of the region that carries a UID tag, by UID (the oldest of several). */
    private Map<String, RestApi> listByUid(String region) {
        return listByTag(region, DesiredState.UID_TAG);
    }

    /**
     * The UID tag of the API the operator made for {@code namespace/name} (its resource tag), or null.
     * For a manifest not yet applied to a cluster, which has no UID of its own; reads only (one GetRestApis
     * listing of the region, however many resources ask).
     */
    String uidOfResource(String region, String namespaceAndName) {
        RestApi api = resourceListings.computeIfAbsent(region, r -> listByTag(r, DesiredState.RESOURCE_TAG))
                .get(namespaceAndName);
        return api == null ? null : api.tags().get(DesiredState.UID_TAG);
    }

    /** Every API of the region that carries the tag, by the tag's value (the oldest of several). */
    private Map<String, RestApi> listByTag(String region, String tag) {
        Map<String, RestApi> byValue = new HashMap<>();
        Comparator<RestApi> older = Comparator.comparing(RestApi::createdDate, Comparator.nullsLast(Comparator.naturalOrder()));
        String position = null;
        do {
            String from = position;
            GetRestApisResponse page = calls.apiGateway(region, "GetRestApis",
                    c -> c.getRestApis(b -> b.limit(PAGE).position(from)));
            for (RestApi api : page.items()) {
                String value = api.tags() == null ? null : api.tags().get(tag);
                if (value != null) {
                    RestApi other = byValue.get(value);
                    if (other != null) {
                        LOG.warn("several REST APIs carry the tag {}={}; using the oldest", tag, value);
                    }
                    byValue.put(value, other == null || older.compare(api, other) < 0 ? api : other);
                }
            }
            position = page.position();
        } while (position != null && !position.isEmpty());
        return byValue;
    }

    RestApi getRestApi(String region, String apiId) {
        try {
            var r = calls.apiGateway(region, "GetRestApi", c -> c.getRestApi(b -> b.restApiId(apiId)));
            return RestApi.builder().id(r.id()).name(r.name()).tags(r.tags()).createdDate(r.createdDate()).build();
        } catch (AwsFailure f) {
            if (f.is(ErrorClassifier.NOT_FOUND)) {
                return null;
            }
            throw f;
        }
    }

    /** Every resource with its GET method embedded, or null when the API is gone. */
    private List<ObservedState.Resource> resources(String region, String apiId) {
        List<ObservedState.Resource> result = new ArrayList<>();
        String position = null;
        try {
            do {
                String from = position;
                GetResourcesResponse page = calls.apiGateway(region, "GetResources",
                        c -> c.getResources(b -> b.restApiId(apiId).embed("methods").limit(PAGE).position(from)));
                page.items().forEach(r -> result.add(resource(r)));
                position = page.position();
            } while (position != null && !position.isEmpty());
        } catch (AwsFailure f) {
            if (f.is(ErrorClassifier.NOT_FOUND)) {
                return null;
            }
            throw f;
        }
        return result;
    }

    private static ObservedState.RestApiAttributes attributes(RestApi api) {
        return new ObservedState.RestApiAttributes(api.name(), api.tags() == null ? Map.of() : api.tags());
    }

    static ObservedState.Resource resource(Resource r) {
        Method get = r.resourceMethods() == null ? null : r.resourceMethods().get(DesiredState.HTTP_METHOD);
        return new ObservedState.Resource(r.id(), r.parentId(), r.path(), get == null ? null : method(get));
    }

    static ObservedState.Method method(Method m) {
        Map<String, Boolean> parameters = new LinkedHashMap<>();
        if (m.requestParameters() != null) {
            m.requestParameters().forEach((k, v) -> parameters.put(k, Boolean.TRUE.equals(v)));
        }
        List<String> responses = m.methodResponses() == null ? List.of() : List.copyOf(m.methodResponses().keySet());
        return new ObservedState.Method(m.authorizationType(), Boolean.TRUE.equals(m.apiKeyRequired()),
                m.requestValidatorId(), parameters, responses, integration(m.methodIntegration()));
    }

    static ObservedState.Integration integration(Integration i) {
        if (i == null) {
            return null;
        }
        Map<String, String> responses = new LinkedHashMap<>();
        if (i.integrationResponses() != null) {
            for (Map.Entry<String, IntegrationResponse> e : i.integrationResponses().entrySet()) {
                String pattern = e.getValue().selectionPattern();
                responses.put(e.getKey(), pattern == null ? "" : pattern);
            }
        }
        return new ObservedState.Integration(i.typeAsString(), i.httpMethod(), i.uri(), i.credentials(),
                i.requestTemplates() == null ? Map.of() : i.requestTemplates(), responses);
    }

    /** This resource's statement in the function's policy; a function without a policy has none. */
    private ObservedState.Permission permission(DesiredState desired) {
        String functionArn = desired.function().arn();
        String policy = calls.lambda(desired.function().region(), "GetPolicy", c -> {
            try {
                return c.getPolicy(b -> b.functionName(functionArn)).policy();
            } catch (ResourceNotFoundException e) {
                if (isFunctionMissing(e)) {
                    throw e;
                }
                return null;
            }
        });
        return new ObservedState.Permission(statement(policy, desired.statementId()));
    }

    /** Lambda answers ResourceNotFoundException both for a missing function and for a function without a policy. */
    static boolean isFunctionMissing(ResourceNotFoundException e) {
        String message = ErrorClassifier.errorMessage(e);
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("function not found");
    }

    static ObservedState.Statement statement(String policy, String statementId) {
        if (policy == null || policy.isBlank()) {
            return null;
        }
        try {
            for (JsonNode s : JSON.readTree(policy).path("Statement")) {
                if (statementId.equals(s.path("Sid").asText())) {
                    JsonNode principal = s.path("Principal");
                    String service = principal.isTextual() ? principal.asText() : principal.path("Service").asText(null);
                    JsonNode action = s.path("Action");
                    String actionText = action.isArray() && action.size() == 1 ? action.get(0).asText() : action.asText(null);
                    String sourceArn = s.path("Condition").path("ArnLike").path("AWS:SourceArn").asText(null);
                    return new ObservedState.Statement(statementId, service, actionText, s.path("Resource").asText(null),
                            sourceArn);
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new AwsFailure(ErrorClassifier.REQUEST_FAILED, "GetPolicy returned a policy that is not JSON",
                    AwsFailure.Retry.TRANSIENT, null, "GetPolicy", e);
        }
    }
}
