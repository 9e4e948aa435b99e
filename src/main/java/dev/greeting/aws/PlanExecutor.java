package dev.greeting.aws;

import dev.greeting.reconcile.AwsAction;
import dev.greeting.reconcile.DeploymentMarker;
import dev.greeting.reconcile.DesiredState;
import dev.greeting.reconcile.ObservedState;
import dev.greeting.reconcile.PatchOperation;
import dev.greeting.reconcile.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.RequestValidator;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Carries out a plan's actions in order, one AWS call each (a few need a lookup). */
final class PlanExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);
    private final AwsCalls calls;
    private final DeploymentHashes hashes;
    private final java.util.Set<String> createSent;

    PlanExecutor(AwsCalls calls, DeploymentHashes hashes, java.util.Set<String> createSent) {
        this.calls = calls;
        this.hashes = hashes;
        this.createSent = createSent;
    }

    void execute(DesiredState desired, ObservedState observed, Plan plan, Progress progress) {
        progress.restApiId(observed.restApiId());
        observed.resources().forEach(r -> progress.resourceId(r.path(), r.id()));
        for (AwsAction action : plan.actions()) {
            LOG.debug("{}/{}: {}", desired.namespace(), desired.name(), action.describe());
            run(desired, action, progress);
            progress.done(action.describe());
        }
    }

    private void run(DesiredState d, AwsAction action, Progress p) {
        String region = d.region();
        String api = p.restApiId();
        if (action instanceof AwsAction.CreateRestApi a) {
            createRestApi(d, a, p);
        } else if (action instanceof AwsAction.UpdateRestApiName a) {
            calls.apiGateway(region, a.operation(), c -> c.updateRestApi(b -> b
                    .restApiId(api).patchOperations(patch(PatchOperation.replace("/name", a.name())))));
        } else if (action instanceof AwsAction.TagRestApi a) {
            calls.apiGateway(region, a.operation(),
                    c -> c.tagResource(b -> b.resourceArn(restApiArn(d, api)).tags(a.tags())));
        } else if (action instanceof AwsAction.UntagRestApi a) {
            calls.apiGateway(region, a.operation(),
                    c -> c.untagResource(b -> b.resourceArn(restApiArn(d, api)).tagKeys(a.keys())));
        } else if (action instanceof AwsAction.DeleteResource a) {
            calls.apiGatewayUnlessGone(region, a.operation(),
                    c -> c.deleteResource(b -> b.restApiId(api).resourceId(a.resourceId())));
        } else if (action instanceof AwsAction.CreateResource a) {
            String parentId = p.resourceId(a.parentPath());
            String id = calls.apiGateway(region, a.operation(), c -> c.createResource(b -> b.restApiId(api)
                    .parentId(parentId).pathPart(a.pathPart()))).id();
            p.resourceId(a.path(), id);
        } else if (action instanceof AwsAction.DeleteMethod a) {
            calls.apiGatewayUnlessGone(region, a.operation(), c -> c.deleteMethod(b -> b
                    .restApiId(api).resourceId(p.resourceId(a.path())).httpMethod(DesiredState.HTTP_METHOD)));
        } else if (action instanceof AwsAction.EnsureRequestValidator a) {
            p.validatorId(ensureValidator(region, api));
        } else if (action instanceof AwsAction.PutMethod a) {
            calls.apiGateway(region, a.operation(), c -> c.putMethod(b -> b
                    .restApiId(api).resourceId(p.resourceId(a.path())).httpMethod(DesiredState.HTTP_METHOD)
                    .authorizationType("NONE").apiKeyRequired(false)
                    .requestParameters(Map.of(a.parameterKey(), a.required()))
                    .requestValidatorId(a.withValidator() ? p.validatorId() : null)));
        } else if (action instanceof AwsAction.UpdateMethod a) {
            List<PatchOperation> ops = new ArrayList<>(a.operations());
            if (a.attachValidator()) {
                ops.add(PatchOperation.replace("/requestValidatorId", p.validatorId()));
            }
            calls.apiGateway(region, a.operation(), c -> c.updateMethod(b -> b.restApiId(api)
                    .resourceId(p.resourceId(a.path())).httpMethod(DesiredState.HTTP_METHOD)
                    .patchOperations(patch(ops.toArray(PatchOperation[]::new)))));
        } else if (action instanceof AwsAction.PutMethodResponse a) {
            calls.apiGateway(region, a.operation(), c -> c.putMethodResponse(b -> b
                    .restApiId(api).resourceId(p.resourceId(a.path())).httpMethod(DesiredState.HTTP_METHOD)
                    .statusCode(a.statusCode())));
        } else if (action instanceof AwsAction.PutIntegration a) {
            calls.apiGateway(region, a.operation(), c -> c.putIntegration(b -> b
                    .restApiId(api).resourceId(p.resourceId(a.path())).httpMethod(DesiredState.HTTP_METHOD)
                    .type(IntegrationType.AWS).integrationHttpMethod("POST").uri(a.uri()).credentials(a.credentials())
                    .requestTemplates(a.requestTemplates()).passthroughBehavior("WHEN_NO_MATCH")));
        } else if (action instanceof AwsAction.PutIntegrationResponse a) {
            calls.apiGateway(region, a.operation(), c -> c.putIntegrationResponse(b -> b
                    .restApiId(api).resourceId(p.resourceId(a.path())).httpMethod(DesiredState.HTTP_METHOD)
                    .statusCode(a.statusCode()).selectionPattern(a.selectionPattern())));
        } else if (action instanceof AwsAction.CreateDeployment a) {
            String id = calls.apiGateway(region, a.operation(), c -> c.createDeployment(b -> b.restApiId(api)
                    .stageName(a.stage()).stageDescription(DeploymentMarker.STAGE_DESCRIPTION)
                    .description(DeploymentMarker.deploymentDescription(a.configHash())))).id();
            hashes.remember(api, id, a.configHash());
            p.deploymentId(id);
        } else if (action instanceof AwsAction.DeleteStage a) {
            calls.apiGatewayUnlessGone(region, a.operation(),
                    c -> c.deleteStage(b -> b.restApiId(api).stageName(a.stage())));
        } else if (action instanceof AwsAction.DeleteDeployment a) {
            deleteDeployment(region, api, a);
        } else if (action instanceof AwsAction.AddPermission a) {
            addPermission(d, a, api);
        } else if (action instanceof AwsAction.RemovePermission a) {
            removePermission(a.functionArn(), a.statementId());
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
    }

    private void createRestApi(DesiredState d, AwsAction.CreateRestApi a, Progress p) {
        createSent.add(d.uid()); // from now on only a fresh listing can tell whether it exists
        var created = calls.apiGateway(d.region(), a.operation(), c -> c.createRestApi(b -> b.name(a.name())
                    .description("Managed by greeting-operator for " + d.namespace() + "/" + d.name())
                    .endpointConfiguration(e -> e.types(EndpointType.REGIONAL))
                    .tags(a.tags())));
        p.restApiId(created.id());
        String root = created.rootResourceId();
        if (root == null) {
            root = calls.apiGateway(d.region(), "GetResources", c -> c.getResources(b -> b.restApiId(created.id())))
                    .items().stream().filter(r -> "/".equals(r.path())).findFirst()
                    .orElseThrow(() -> new AwsFailure(ErrorClassifier.REQUEST_FAILED, "the new API has no root resource",
                            AwsFailure.Retry.TRANSIENT, null, "GetResources", null)).id();
        }
        p.resourceId("/", root);
    }

    private String ensureValidator(String region, String api) {
        String name = AwsAction.EnsureRequestValidator.NAME;
        var existing = calls.apiGateway(region, "GetRequestValidators", c -> c.getRequestValidators(b -> b.restApiId(api).limit(500)))
                    .items().stream().filter(v -> name.equals(v.name())).findFirst().map(RequestValidator::id);
        return existing.orElseGet(() -> calls.apiGateway(region, "CreateRequestValidator", c -> c.createRequestValidator(b -> b
                    .restApiId(api).name(name).validateRequestParameters(true).validateRequestBody(false))).id());
    }

    private void deleteDeployment(String region, String api, AwsAction.DeleteDeployment a) {
        try {
            calls.apiGatewayUnlessGone(region, a.operation(), c -> c.deleteDeployment(b -> b.restApiId(api).deploymentId(a.deploymentId())));
        } catch (AwsFailure f) {
            if (!f.is(ErrorClassifier.INVALID_REQUEST)) {
                throw f;
            }
            // A stage someone just pointed at it: keep it, the deployment is theirs now.
            LOG.info("deployment {} of {} is still in use; kept: {}", a.deploymentId(), api, f.getMessage());
        }
    }

    /** An existing statement with the same id (an earlier attempt) is replaced: ids are per resource. */
    private void addPermission(DesiredState d, AwsAction.AddPermission a, String api) {
        String region = d.function().region();
        String sourceArn = a.sourceArn(api);
        calls.lambda(region, a.operation(), c -> {
            try {
                return c.addPermission(b -> b.functionName(a.functionArn()).statementId(a.statementId())
                        .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(sourceArn));
            } catch (ResourceConflictException exists) {
                c.removePermission(b -> b.functionName(a.functionArn()).statementId(a.statementId()));
                return c.addPermission(b -> b.functionName(a.functionArn()).statementId(a.statementId())
                        .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(sourceArn));
            }
        });
    }

    void removePermission(String functionArn, String statementId) {
        String region = dev.greeting.reconcile.FunctionArn.parse(functionArn).region();
        calls.lambda(region, "RemovePermission", c -> {
            try {
                return c.removePermission(b -> b.functionName(functionArn).statementId(statementId));
            } catch (ResourceNotFoundException gone) {
                return null; // no such statement, or no such function: nothing to remove
            }
        });
    }

    static String restApiArn(DesiredState d, String restApiId) {
        return "arn:" + d.function().partition() + ":apigateway:" + d.region() + "::/restapis/" + restApiId;
    }

    private static List<software.amazon.awssdk.services.apigateway.model.PatchOperation> patch(PatchOperation... ops) {
        List<software.amazon.awssdk.services.apigateway.model.PatchOperation> result = new ArrayList<>();
        for (PatchOperation op : ops) {
            result.add(software.amazon.awssdk.services.apigateway.model.PatchOperation.builder()
                    .op(Op.fromValue(op.op())).path(op.path()).value(op.value()).build());
        }
        return result;
    }
}
