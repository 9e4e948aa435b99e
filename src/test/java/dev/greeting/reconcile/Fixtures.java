package dev.greeting.reconcile;

import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Resources and observed states for the planner's table tests. */
final class Fixtures {
    static final String UID = "0b6f2c1e-7d7a-4a43-9d8e-1f2a3b4c5d6e";
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:HelloWorld";
    static final String OTHER_FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:Other";
    static final String ROLE = "arn:aws:iam::123456789012:role/apigAwsProxyRole";
    static final String API_ID = "te6si5ach7";
    static final String ROOT_ID = "root00";
    static final String DEPLOYMENT_ID = "dep001";

    private Fixtures() {
    }

    static GreetingApi resource(Consumer<GreetingApiSpec> customize) {
        GreetingApiSpec spec = new GreetingApiSpec();
        spec.setFunctionArn(FUNCTION);
        spec.setPath("greeting");
        spec.setStage("test");
        customize.accept(spec);
        GreetingApi api = new GreetingApi();
        api.setMetadata(new ObjectMetaBuilder().withName("hello-world").withNamespace("default").withUid(UID)
                .withGeneration(1L).build());
        api.setSpec(spec);
        return api;
    }

    static DesiredState desired(Consumer<GreetingApiSpec> customize) {
        return DesiredState.of(resource(customize), "us-west-2");
    }

    static DesiredState desired() {
        return desired(s -> { });
    }

    /** What AWS reports after the operator converged {@code d} (API, method, stage, permission). */
    static Observed inSync(DesiredState d) {
        return new Observed(d);
    }

    /** A mutable builder over an in-sync observation, to describe drift and old specs. */
    static final class Observed {
        String restApiId = API_ID;
        ObservedState.RestApiAttributes attributes;
        final List<ObservedState.Resource> resources = new ArrayList<>();
        final List<ObservedState.Stage> stages = new ArrayList<>();
        final Map<String, String> hashes = new HashMap<>();
        ObservedState.Permission permission;
        List<String> deploymentIds;

        Observed(DesiredState d) {
            resources.add(new ObservedState.Resource(ROOT_ID, null, "/", null));
            String parentId = ROOT_ID;
            List<String> chain = d.resourceChain();
            for (int i = 0; i < chain.size(); i++) {
                String id = "res" + i;
                boolean target = i == chain.size() - 1;
                resources.add(new ObservedState.Resource(id, parentId, chain.get(i), target ? method(d) : null));
                parentId = id;
            }
            stages.add(new ObservedState.Stage(d.stage(), DEPLOYMENT_ID, DeploymentMarker.STAGE_DESCRIPTION));
            hashes.put(DEPLOYMENT_ID, d.configHash());
            permission = d.managedPermission()
                    ? new ObservedState.Permission(new ObservedState.Statement(d.statementId(), "apigateway.amazonaws.com",
                            "lambda:InvokeFunction", d.function().arn(), d.sourceArn(API_ID)))
                    : null;
        }

        static ObservedState.Method method(DesiredState d) {
            return new ObservedState.Method("NONE", false, d.greeterRequired() ? "val01" : null,
                    Map.of(d.requestParameterKey(), d.greeterRequired()), List.of("200"),
                    new ObservedState.Integration("AWS", "POST", d.integrationUri(), d.credentialsRoleArn(),
                            d.requestTemplates(), Map.of("200", "")));
        }

        Observed withAttributes(String name, Map<String, String> tags) {
            attributes = new ObservedState.RestApiAttributes(name, tags);
            return this;
        }

        Observed mapMethod(String path, java.util.function.UnaryOperator<ObservedState.Method> change) {
            resources.replaceAll(r -> r.path().equals(path) ? new ObservedState.Resource(r.id(), r.parentId(), r.path(),
                    change.apply(r.get())) : r);
            return this;
        }

        Observed withoutPermission() {
            permission = ObservedState.Permission.absent();
            return this;
        }

        ObservedState build() {
            return new ObservedState(restApiId, attributes, resources, stages, hashes, deploymentIds, permission);
        }
    }

    static ObservedState.Method withIntegration(ObservedState.Method m, ObservedState.Integration i) {
        return new ObservedState.Method(m.authorizationType(), m.apiKeyRequired(), m.requestValidatorId(),
                m.requestParameters(), m.methodResponses(), i);
    }
}
