package dev.greeting.reconcile;

import java.util.List;

/**
 * One line of {@code greeting-operator plan}: what a plan's action would do to which AWS object, in the
 * create / change / delete terms a person reviewing a change reads. Pure: the plan and the observed state
 * it was made against say it all (a Put of something that exists replaces it: a change).
 *
 * @param action create, change or delete
 * @param object the AWS object, e.g. "REST API 'default-hello-world'", "GET /greeting", "stage test"
 * @param detail what about it, and the AWS operation that would do it
 */
public record PlannedChange(String action, String object, String detail) {
    public static final String CREATE = "create";
    public static final String CHANGE = "change";
    public static final String DELETE = "delete";

    public static List<PlannedChange> of(DesiredState desired, ObservedState observed, Plan plan) {
        return plan.actions().stream().map(a -> of(desired, observed, a)).toList();
    }

    static PlannedChange of(DesiredState desired, ObservedState observed, AwsAction action) {
        String op = " (" + action.operation() + ")";
        String api = "REST API " + (observed.restApiId() != null ? observed.restApiId() : "'" + desired.apiName() + "'");
        ObservedState.Method method = observed.resource(desired.resourcePath()).map(ObservedState.Resource::get).orElse(null);
        if (action instanceof AwsAction.CreateRestApi a) {
            return new PlannedChange(CREATE, "REST API '" + a.name() + "'",
                "in " + desired.region() + ", tagged " + a.tags().keySet() + op);
        }
        if (action instanceof AwsAction.UpdateRestApiName a) {
            return new PlannedChange(CHANGE, api, "name to '" + a.name() + "'" + op);
        }
        if (action instanceof AwsAction.TagRestApi a) {
            return new PlannedChange(CHANGE, api, "tags " + a.tags() + op);
        }
        if (action instanceof AwsAction.UntagRestApi a) {
            return new PlannedChange(CHANGE, api, "remove tags " + a.keys() + op);
        }
        if (action instanceof AwsAction.DeleteResource a) {
            return new PlannedChange(DELETE, "resource " + a.path(),
                "stale, with everything under it" + op);
        }
        if (action instanceof AwsAction.CreateResource a) {
            return new PlannedChange(CREATE, "resource " + a.path(), "under " + a.parentPath() + op);
        }
        if (action instanceof AwsAction.DeleteMethod a) {
            return new PlannedChange(DELETE, "GET " + a.path(), "stale method" + op);
        }
        if (action instanceof AwsAction.EnsureRequestValidator a) {
            return new PlannedChange(CREATE, "request validator "
                + AwsAction.EnsureRequestValidator.NAME, "unless it exists; validates required parameters" + op);
        }
        if (action instanceof AwsAction.PutMethod a) {
            return new PlannedChange(CREATE, "GET " + a.path(),
                "parameter " + a.parameterKey() + (a.required() ? " (required)" : "") + op);
        }
        if (action instanceof AwsAction.UpdateMethod a) {
            return new PlannedChange(CHANGE, "GET " + a.path(),
                a.operations().stream().map(p -> p.op() + " " + p.path()
                        + (p.value() == null ? "" : "=" + p.value())).toList()
                        + (a.attachValidator() ? " and attach the request validator" : "") + op);
        }
        if (action instanceof AwsAction.PutMethodResponse a) {
            return new PlannedChange(method == null ? CREATE : CHANGE,
                "method response " + a.statusCode() + " of GET " + a.path(), op.trim());
        }
        if (action instanceof AwsAction.PutIntegration a) {
            return new PlannedChange(
                method == null || method.integration() == null ? CREATE : CHANGE, "integration of GET " + a.path(),
                a.uri() + (a.credentials() == null ? "" : " as " + a.credentials()) + op);
        }
        if (action instanceof AwsAction.PutIntegrationResponse a) {
            return new PlannedChange(
                method == null || method.integration() == null ? CREATE : CHANGE,
                "integration response " + a.statusCode() + " of GET " + a.path(), op.trim());
        }
        if (action instanceof AwsAction.CreateDeployment a) {
            return new PlannedChange(CREATE, "deployment",
                "of configuration " + a.configHash() + " to stage " + a.stage()
                        + (observed.stage(a.stage()).isEmpty() ? " (the stage is created)" : "") + op);
        }
        if (action instanceof AwsAction.DeleteStage a) {
            return new PlannedChange(DELETE, "stage " + a.stage(), "stale" + op);
        }
        if (action instanceof AwsAction.DeleteDeployment a) {
            return new PlannedChange(DELETE, "deployment " + a.deploymentId(),
                "no stage serves it" + op);
        }
        if (action instanceof AwsAction.AddPermission a) {
            return new PlannedChange(CREATE, "permission " + a.statementId(),
                "on " + a.functionArn() + " for " + a.sourceArn() + op);
        }
        if (action instanceof AwsAction.RemovePermission a) {
            return new PlannedChange(DELETE, "permission " + a.statementId(),
                "on " + a.functionArn() + op);
        }
        throw new IllegalArgumentException("no plan line for " + action);
    }
}
