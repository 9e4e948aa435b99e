package dev.greeting.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Json;
import dev.greeting.emulator.http.Service;
import java.util.UUID;

/**
 * AddPermission, GetPolicy and RemovePermission: a function's resource-based policy. Each change
 * is checked and applied atomically against the function's latest state (duplicate ids, the
 * optional RevisionId precondition, the 20 KB cap), and gives the function a new RevisionId.
 */
final class PermissionHandlers {
    private final FunctionStore store;

    PermissionHandlers(FunctionStore store) {
        this.store = store;
    }

    ApiResponse add(ApiRequest request) {
        FunctionRef ref = FunctionNames.resolve(request);
        if ("$LATEST".equals(ref.qualifier())) {
            throw AwsException.invalidParameter("We currently do not support adding policies for $LATEST.");
        }
        JsonNode body = request.json(Service.LAMBDA);
        String revisionId = body.hasNonNull("RevisionId") ? body.get("RevisionId").asText() : null;
        PolicyStatement statement = NewStatement.read(body, FunctionRef.functionArn(ref.region(), ref.name()));
        store.update(ref, function -> {
            checkRevision(function, revisionId);
            if (function.policy().statement(statement.sid()).isPresent()) {
                throw AwsException.resourceConflict("The statement id (" + statement.sid() + ") provided already exists."
                        + " Please provide a new statement id, or remove the existing statement.");
            }
            PolicyDocument next = function.policy().with(statement);
            int size = next.sizeBytes();
            if (size > PolicyDocument.MAX_BYTES) {
                throw new AwsException(400, "PolicyLengthExceededException",
                        "The final policy size (" + size + ") is bigger than the limit (" + PolicyDocument.MAX_BYTES + ").");
            }
            return function.withPolicy(next, UUID.randomUUID().toString());
        });
        return ApiResponse.json(201, Json.object().put("Statement", Json.writeString(statement.toJson())));
    }

    ApiResponse get(ApiRequest request) {
        LambdaFunction function = store.get(FunctionNames.resolve(request));
        if (function.policy().isEmpty()) {
            throw AwsException.resourceNotFound("The resource you requested does not exist.");
        }
        return ApiResponse.json(200, Json.object()
                .put("Policy", function.policy().toJson())
                .put("RevisionId", function.revisionId()));
    }

    ApiResponse remove(ApiRequest request) {
        FunctionRef ref = FunctionNames.resolve(request);
        String sid = request.path("StatementId");
        new Validation().length("statementId", sid, 1, 100).pattern("statementId", sid, "([a-zA-Z0-9-_.]+)").check();
        String revisionId = request.queryParam("RevisionId").orElse(null);
        store.update(ref, function -> {
            checkRevision(function, revisionId);
            if (function.policy().isEmpty()) {
                throw AwsException.resourceNotFound("No policy is associated with the given resource.");
            }
            if (function.policy().statement(sid).isEmpty()) {
                throw AwsException.resourceNotFound("Statement " + sid + " is not found in resource policy.");
            }
            return function.withPolicy(function.policy().without(sid), UUID.randomUUID().toString());
        });
        return ApiResponse.empty(204);
    }

    private static void checkRevision(LambdaFunction function, String expected) {
        if (expected != null && !expected.equals(function.revisionId())) {
            throw AwsException.preconditionFailed("The Revision Id provided does not match the latest Revision Id."
                    + " Call the GetPolicy API to retrieve the latest Revision Id");
        }
    }
}
