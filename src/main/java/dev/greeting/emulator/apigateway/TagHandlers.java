package dev.greeting.emulator.apigateway;

import dev.greeting.emulator.apigateway.model.Stage;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TagResource, UntagResource, GetTags on REST APIs ({@code arn:aws:apigateway:{region}::/restapis/{id}})
 * and their stages ({@code .../restapis/{id}/stages/{name}}). Tags live on the RestApi and Stage records,
 * so GetRestApi and GetStage show them too.
 */
final class TagHandlers {
    private static final Pattern TAGGABLE_ARN =
            Pattern.compile("arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::/restapis/([^/]+)(?:/stages/([^/]+))?");
    private static final int MAX_TAGS = 50;

    private final ApiGatewayStore store;

    TagHandlers(ApiGatewayStore store) {
        this.store = store;
    }

    void register(Router router) {
        // the SDK percent-encodes the ARN's slashes; a greedy label also takes an ARN sent unencoded
        router.add(Service.APIGATEWAY, "TagResource", "PUT", "/tags/{resource_arn+}", this::tag);
        router.add(Service.APIGATEWAY, "UntagResource", "DELETE", "/tags/{resource_arn+}", this::untag);
        router.add(Service.APIGATEWAY, "GetTags", "GET", "/tags/{resource_arn+}", this::get);
    }

    private ApiResponse tag(ApiRequest request) {
        Map<String, String> tags = Input.of(request, "tagResourceInput").stringMap("tags");
        if (tags == null) {
            throw Errors.missingMember("tagResourceInput.tags");
        }
        change(request, current -> {
            Map<String, String> merged = new LinkedHashMap<>(current);
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw AwsException.badRequest("Too many tags: a resource can have at most " + MAX_TAGS);
            }
            return merged;
        });
        return ApiResponse.empty(204);
    }

    private ApiResponse untag(ApiRequest request) {
        List<String> keys = request.queryParams("tagKeys");
        change(request, current -> {
            Map<String, String> remaining = new LinkedHashMap<>(current);
            keys.forEach(remaining::remove);
            return remaining;
        });
        return ApiResponse.empty(204);
    }

    private ApiResponse get(ApiRequest request) {
        Map<String, String> tags = change(request, UnaryOperator.identity());
        return ApiResponse.json(200, Map.of("tags", tags));
    }

    /** Applies {@code update} to the tags of the resource the ARN names and answers the result. */
    private Map<String, String> change(ApiRequest request, UnaryOperator<Map<String, String>> update) {
        String arn = request.path("resource_arn");
        Matcher m = TAGGABLE_ARN.matcher(arn);
        if (!m.matches()) {
            throw AwsException.badRequest("Invalid resource ARN specified: " + arn);
        }
        String region = m.group(1);
        String apiId = m.group(2);
        String stageName = m.group(3);
        return store.withApi(region, apiId, () -> Errors.apiNotFound(apiId), state -> {
            if (stageName == null) {
                Map<String, String> tags = update.apply(state.api.tags() == null ? Map.of() : state.api.tags());
                state.api = state.api.withTags(tags);
                return tags;
            }
            Stage stage = StageHandlers.stage(state, stageName);
            Map<String, String> tags = update.apply(stage.tagsOrEmpty());
            state.stages.put(stageName, stage.withTags(tags));
            return tags;
        });
    }
}
