package dev.greeting.reconcile;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One AWS write the planner decided on. Resources are named by path, not id: the executor maps
 * paths to the ids it observed or just created, so a plan can be made before the API exists.
 */
public sealed interface AwsAction {

    /** Stands for the REST API id in values planned before the API exists. */
    String REST_API_ID = "{restApiId}";

    /** AWS's operation name, as counted and throttled. */
    String operation();

    /** Whether this changes what a deployment snapshots (so the stage must be redeployed). */
    default boolean changesDeployedConfig() {
        return false;
    }

    /** A short human description, for events and logs. */
    String describe();

    record CreateRestApi(String name, Map<String, String> tags) implements AwsAction {
        public String operation() { return "CreateRestApi"; }
        public String describe() { return "create REST API '" + name + "'"; }
    }

    record UpdateRestApiName(String name) implements AwsAction {
        public String operation() { return "UpdateRestApi"; }
        public String describe() { return "rename REST API to '" + name + "'"; }
    }

    record TagRestApi(Map<String, String> tags) implements AwsAction {
        public String operation() { return "TagResource"; }
        public String describe() { return "tag REST API " + new java.util.TreeMap<>(tags).keySet(); }
    }

    record UntagRestApi(Set<String> keys) implements AwsAction {
        public String operation() { return "UntagResource"; }
        public String describe() { return "untag REST API " + new java.util.TreeSet<>(keys); }
    }

    record DeleteResource(String resourceId, String path) implements AwsAction {
        public String operation() { return "DeleteResource"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "delete stale resource " + path; }
    }

    record CreateResource(String parentPath, String pathPart) implements AwsAction {
        public String operation() { return "CreateResource"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "create resource " + path(); }

        public String path() {
            return ("/".equals(parentPath) ? "" : parentPath) + "/" + pathPart;
        }
    }

    record DeleteMethod(String path) implements AwsAction {
        public String operation() { return "DeleteMethod"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "delete stale GET " + path; }
    }

    /** Finds the operator's parameter validator or creates it; its id is then attached to the method. */
    record EnsureRequestValidator() implements AwsAction {
        public static final String NAME = "greeting-operator-validate-parameters";
        public String operation() { return "CreateRequestValidator"; }
        public String describe() { return "ensure request validator " + NAME; }
    }

    record PutMethod(String path, String parameterKey, boolean required, boolean withValidator) implements AwsAction {
        public String operation() { return "PutMethod"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "put GET " + path; }
    }

    /** @param attachValidator also set the method's request validator to the one ensured before */
    record UpdateMethod(String path, List<PatchOperation> operations, boolean attachValidator) implements AwsAction {
        public UpdateMethod {
            operations = List.copyOf(operations);
        }
        public String operation() { return "UpdateMethod"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "update GET " + path; }
    }

    record PutMethodResponse(String path, String statusCode) implements AwsAction {
        public String operation() { return "PutMethodResponse"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "put method response " + statusCode; }
    }

    record PutIntegration(String path, String uri, String credentials, Map<String, String> requestTemplates)
            implements AwsAction {
        public PutIntegration {
            requestTemplates = Map.copyOf(requestTemplates);
        }
        public String operation() { return "PutIntegration"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "put integration " + uri; }
    }

    record PutIntegrationResponse(String path, String statusCode, String selectionPattern) implements AwsAction {
        public String operation() { return "PutIntegrationResponse"; }
        public boolean changesDeployedConfig() { return true; }
        public String describe() { return "put integration response " + statusCode; }
    }

    /** Deploys the current configuration to the stage, recording its hash on the deployment. */
    record CreateDeployment(String stage, String configHash) implements AwsAction {
        public String operation() { return "CreateDeployment"; }
        public String describe() { return "deploy to stage " + stage; }
    }

    record DeleteStage(String stage) implements AwsAction {
        public String operation() { return "DeleteStage"; }
        public String describe() { return "delete stale stage " + stage; }
    }

    record DeleteDeployment(String deploymentId) implements AwsAction {
        public String operation() { return "DeleteDeployment"; }
        public String describe() { return "delete unused deployment " + deploymentId; }
    }

    /** @param sourceArn may contain {@link #REST_API_ID} when planned before the API exists */
    record AddPermission(String functionArn, String statementId, String sourceArn) implements AwsAction {
        public String operation() { return "AddPermission"; }
        public String describe() { return "allow API Gateway to invoke " + functionArn; }

        public String sourceArn(String restApiId) {
            return sourceArn.replace(REST_API_ID, restApiId);
        }
    }

    record RemovePermission(String functionArn, String statementId) implements AwsAction {
        public String operation() { return "RemovePermission"; }
        public String describe() { return "remove permission from " + functionArn; }
    }
}
