package dev.greeting.reconcile;

import dev.greeting.reconcile.AwsAction.AddPermission;
import dev.greeting.reconcile.AwsAction.CreateDeployment;
import dev.greeting.reconcile.AwsAction.CreateResource;
import dev.greeting.reconcile.AwsAction.CreateRestApi;
import dev.greeting.reconcile.AwsAction.DeleteDeployment;
import dev.greeting.reconcile.AwsAction.DeleteMethod;
import dev.greeting.reconcile.AwsAction.DeleteResource;
import dev.greeting.reconcile.AwsAction.DeleteStage;
import dev.greeting.reconcile.AwsAction.EnsureRequestValidator;
import dev.greeting.reconcile.AwsAction.PutIntegration;
import dev.greeting.reconcile.AwsAction.PutIntegrationResponse;
import dev.greeting.reconcile.AwsAction.PutMethod;
import dev.greeting.reconcile.AwsAction.PutMethodResponse;
import dev.greeting.reconcile.AwsAction.RemovePermission;
import dev.greeting.reconcile.AwsAction.TagRestApi;
import dev.greeting.reconcile.AwsAction.UntagRestApi;
import dev.greeting.reconcile.AwsAction.UpdateMethod;
import dev.greeting.reconcile.AwsAction.UpdateRestApiName;
import dev.greeting.reconcile.ObservedState.Integration;
import dev.greeting.reconcile.ObservedState.Method;
import dev.greeting.reconcile.ObservedState.Resource;
import dev.greeting.reconcile.ObservedState.Stage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The diff between desired and observed state as an ordered list of AWS writes: only what
 * differs is written, a deployment is made only when the API changed or the stage does not serve
 * the current configuration, and whatever a previous spec left behind (resources, methods,
 * stages, deployments, permissions) is removed.
 */
public final class Planner {
    static final String AUTHORIZATION = "NONE";
    static final String INTEGRATION_TYPE = "AWS";
    static final String INTEGRATION_METHOD = "POST";
    static final String APIGATEWAY_PRINCIPAL = "apigateway.amazonaws.com";
    static final String INVOKE_ACTION = "lambda:InvokeFunction";

    private Planner() {
    }

    public static Plan plan(DesiredState desired, ObservedState observed) {
        List<AwsAction> actions = new ArrayList<>();
        if (!observed.apiExists()) {
            actions.add(new CreateRestApi(desired.apiName(), desired.tags()));
        } else if (observed.attributes() != null) {
            planAttributes(desired, observed.attributes(), actions);
        }
        // Before the integration stops naming a function: once it does, nothing in AWS says that
        // function still holds this resource's statement (a crash in between would leave it there).
        planStalePermissions(desired, observed, actions);
        planResources(desired, observed, actions);
        planMethod(desired, observed, actions);
        planStage(desired, observed, actions);
        planPermission(desired, observed, actions);
        return new Plan(actions);
    }

    private static void planAttributes(DesiredState desired, ObservedState.RestApiAttributes attributes,
                                       List<AwsAction> actions) {
        if (!desired.apiName().equals(attributes.name())) {
            actions.add(new UpdateRestApiName(desired.apiName()));
        }
        Map<String, String> toTag = new TreeMap<>();
        desired.tags().forEach((k, v) -> {
            if (!v.equals(attributes.tags().get(k))) {
                toTag.put(k, v);
            }
        });
        Set<String> toUntag = new TreeSet<>();
        attributes.tags().keySet().stream()
                .filter(k -> !desired.tags().containsKey(k) && !k.startsWith("aws:"))
                .forEach(toUntag::add);
        if (!toTag.isEmpty()) {
            actions.add(new TagRestApi(toTag));
        }
        if (!toUntag.isEmpty()) {
            actions.add(new UntagRestApi(toUntag));
        }
    }

    /** Stale resources go first (top-most only: deleting a resource deletes its children), then missing ones are created. */
    private static void planResources(DesiredState desired, ObservedState observed, List<AwsAction> actions) {
        List<String> chain = desired.resourceChain();
        Set<String> stale = new TreeSet<>();
        for (Resource r : observed.resources()) {
            if (!"/".equals(r.path()) && !chain.contains(r.path())) {
                stale.add(r.path());
            }
        }
        for (Resource r : observed.resources()) {
            if (stale.contains(r.path()) && !stale.contains(parentOf(r.path()))) {
                actions.add(new DeleteResource(r.id(), r.path()));
            }
        }
        for (Resource r : observed.resources()) {
            boolean intermediate = chain.contains(r.path()) && !r.path().equals(desired.resourcePath());
            if (intermediate && r.get() != null) {
                actions.add(new DeleteMethod(r.path()));
            }
        }
        String parent = "/";
        for (int i = 0; i < chain.size(); i++) {
            if (observed.resource(chain.get(i)).isEmpty()) {
                actions.add(new CreateResource(parent, desired.pathParts().get(i)));
            }
            parent = chain.get(i);
        }
    }

    private static void planMethod(DesiredState desired, ObservedState observed, List<AwsAction> actions) {
        String path = desired.resourcePath();
        Method method = observed.resource(path).map(Resource::get).orElse(null);
        if (method == null) {
            if (desired.greeterRequired()) {
                actions.add(new EnsureRequestValidator());
            }
            actions.add(new PutMethod(path, desired.requestParameterKey(), desired.greeterRequired(), desired.greeterRequired()));
            actions.add(new PutMethodResponse(path, DesiredState.STATUS_200));
            addIntegration(desired, actions);
            return;
        }
        List<PatchOperation> patch = methodPatch(desired, method);
        boolean attachValidator = desired.greeterRequired() && isBlank(method.requestValidatorId());
        if (attachValidator) {
            actions.add(new EnsureRequestValidator());
        }
        if (!patch.isEmpty() || attachValidator) {
            actions.add(new UpdateMethod(path, patch, attachValidator));
        }
        if (!method.methodResponses().contains(DesiredState.STATUS_200)) {
            actions.add(new PutMethodResponse(path, DesiredState.STATUS_200));
        }
        Integration integration = method.integration();
        if (integration == null || !integrationMatches(desired, integration)) {
            // PutIntegration replaces the integration together with its responses, so the response follows.
            addIntegration(desired, actions);
        } else if (!"".equals(defaultToEmpty(integration.responses(), DesiredState.STATUS_200))) {
            actions.add(new PutIntegrationResponse(path, DesiredState.STATUS_200, ""));
        }
    }

    private static void addIntegration(DesiredState desired, List<AwsAction> actions) {
        String path = desired.resourcePath();
        actions.add(new PutIntegration(path, desired.integrationUri(), desired.credentialsRoleArn(), desired.requestTemplates()));
        actions.add(new PutIntegrationResponse(path, DesiredState.STATUS_200, ""));
    }

    static List<PatchOperation> methodPatch(DesiredState desired, Method method) {
        List<PatchOperation> ops = new ArrayList<>();
        if (!AUTHORIZATION.equals(method.authorizationType())) {
            ops.add(PatchOperation.replace("/authorizationType", AUTHORIZATION));
        }
        if (method.apiKeyRequired()) {
            ops.add(PatchOperation.replace("/apiKeyRequired", "false"));
        }
        String key = desired.requestParameterKey();
        for (String observedKey : new TreeSet<>(method.requestParameters().keySet())) {
            if (!observedKey.equals(key)) {
                ops.add(PatchOperation.remove("/requestParameters/" + observedKey));
            }
        }
        Boolean required = method.requestParameters().get(key);
        String value = Boolean.toString(desired.greeterRequired());
        if (required == null) {
            ops.add(PatchOperation.add("/requestParameters/" + key, value));
        } else if (required != desired.greeterRequired()) {
            ops.add(PatchOperation.replace("/requestParameters/" + key, value));
        }
        return ops;
    }

    static boolean integrationMatches(DesiredState desired, Integration integration) {
        return INTEGRATION_TYPE.equals(integration.type())
                && INTEGRATION_METHOD.equals(integration.httpMethod())
                && desired.integrationUri().equals(integration.uri())
                && Objects.equals(desired.credentialsRoleArn(), blankToNull(integration.credentials()))
                && desired.requestTemplates().equals(integration.requestTemplates());
    }

    /**
     * Deploys when this plan changes the API or the stage does not serve the current hash; then
     * removes stale managed stages and the deployments no remaining stage points at: the ones the
     * stages pointed at before and, when they were read, any other unserved deployment.
     */
    private static void planStage(DesiredState desired, ObservedState observed, List<AwsAction> actions) {
        String hash = desired.configHash();
        boolean apiChanged = actions.stream().anyMatch(AwsAction::changesDeployedConfig);
        Stage current = observed.stage(desired.stage()).orElse(null);
        boolean servesHash = current != null && hash.equals(observed.deploymentHashes().get(current.deploymentId()));
        boolean deploy = apiChanged || !servesHash;
        if (deploy) {
            actions.add(new CreateDeployment(desired.stage(), hash));
        }
        List<Stage> stale = observed.stages().stream()
                .filter(s -> !s.name().equals(desired.stage()) && DeploymentMarker.isManagedStage(s))
                .toList();
        stale.forEach(s -> actions.add(new DeleteStage(s.name())));

        Set<String> stillPointedAt = new LinkedHashSet<>();
        for (Stage s : observed.stages()) {
            boolean repointed = deploy && s == current;
            if (!stale.contains(s) && !repointed) {
                stillPointedAt.add(s.deploymentId());
            }
        }
        Set<String> candidates = new LinkedHashSet<>();
        if (deploy && current != null) {
            candidates.add(current.deploymentId());
        }
        stale.forEach(s -> candidates.add(s.deploymentId()));
        if (observed.deploymentIds() != null) {
            // Deployments no stage serves (their stage was deleted out of band, or a crash came between
            // repointing the stage and deleting the old one): the API is the operator's.
            candidates.addAll(observed.deploymentIds());
        }
        candidates.stream()
                .filter(id -> id != null && !stillPointedAt.contains(id))
                .forEach(id -> actions.add(new DeleteDeployment(id)));
    }

    private static void planStalePermissions(DesiredState desired, ObservedState observed, List<AwsAction> actions) {
        // Statements this resource left on functions it no longer uses (or no longer needs, with a role).
        Set<String> previousFunctions = new LinkedHashSet<>();
        for (Resource r : observed.resources()) {
            Integration i = r.get() == null ? null : r.get().integration();
            if (i != null && isBlank(i.credentials())) {
                String function = FunctionArn.fromIntegrationUri(i.uri());
                if (function != null && (!desired.managedPermission() || !function.equals(desired.function().arn()))) {
                    previousFunctions.add(function);
                }
            }
        }
        previousFunctions.forEach(f -> actions.add(new RemovePermission(f, desired.statementId())));
    }

    private static void planPermission(DesiredState desired, ObservedState observed, List<AwsAction> actions) {
        if (!desired.managedPermission()) {
            return;
        }
        String functionArn = desired.function().arn();
        if (!observed.apiExists()) {
            actions.add(new AddPermission(functionArn, desired.statementId(), desired.sourceArn(AwsAction.REST_API_ID)));
            return;
        }
        if (observed.permission() == null) {
            return;
        }
        ObservedState.Statement statement = observed.permission().statement();
        String sourceArn = desired.sourceArn(observed.restApiId());
        if (statement != null && statementMatches(statement, sourceArn)) {
            return;
        }
        if (statement != null) {
            actions.add(new RemovePermission(functionArn, desired.statementId()));
        }
        actions.add(new AddPermission(functionArn, desired.statementId(), sourceArn));
    }

    static boolean statementMatches(ObservedState.Statement statement, String sourceArn) {
        return APIGATEWAY_PRINCIPAL.equals(statement.principal())
                && INVOKE_ACTION.equals(statement.action())
                && sourceArn.equals(statement.sourceArn());
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String defaultToEmpty(Map<String, String> responses, String status) {
        if (!responses.containsKey(status)) {
            return null;
        }
        String pattern = responses.get(status);
        return pattern == null ? "" : pattern;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }

}
