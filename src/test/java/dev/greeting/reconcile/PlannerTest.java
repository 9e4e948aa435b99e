package dev.greeting.reconcile;

import static dev.greeting.reconcile.Fixtures.desired;
import static dev.greeting.reconcile.Fixtures.inSync;
import static org.assertj.core.api.Assertions.assertThat;

import dev.greeting.reconcile.AwsAction.AddPermission;
import dev.greeting.reconcile.AwsAction.CreateDeployment;
import dev.greeting.reconcile.AwsAction.CreateResource;
import dev.greeting.reconcile.AwsAction.DeleteDeployment;
import dev.greeting.reconcile.AwsAction.DeleteResource;
import dev.greeting.reconcile.AwsAction.DeleteStage;
import dev.greeting.reconcile.AwsAction.RemovePermission;
import dev.greeting.reconcile.AwsAction.UpdateMethod;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlannerTest {
    static final DesiredState HELLO = desired();

    /** name, desired, observed, the exact operations planned. */
    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("create from nothing (managed permission)", HELLO, ObservedState.none(), List.of(
                        "CreateRestApi", "CreateResource", "PutMethod", "PutMethodResponse", "PutIntegration",
                        "PutIntegrationResponse", "CreateDeployment", "AddPermission")),
                Arguments.of("create with a role: no permission", desired(s -> s.setCredentialsRoleArn(Fixtures.ROLE)),
                        ObservedState.none(), List.of("CreateRestApi", "CreateResource", "PutMethod", "PutMethodResponse",
                                "PutIntegration", "PutIntegrationResponse", "CreateDeployment")),
                Arguments.of("create a required parameter: validator first",
                        desired(s -> { s.setGreeterRequired(true); s.setPath("v1/greeting"); }), ObservedState.none(),
                        List.of("CreateRestApi", "CreateResource", "CreateResource", "CreateRequestValidator", "PutMethod",
                                "PutMethodResponse", "PutIntegration", "PutIntegrationResponse", "CreateDeployment",
                                "AddPermission")),
                Arguments.of("in sync: nothing", HELLO, inSync(HELLO).build(), List.of()),
                Arguments.of("in sync with attributes read: nothing", HELLO,
                        inSync(HELLO).withAttributes(HELLO.apiName(), HELLO.tags()).build(), List.of()),
                Arguments.of("in sync with a role: nothing", desired(s -> s.setCredentialsRoleArn(Fixtures.ROLE)),
                        inSync(desired(s -> s.setCredentialsRoleArn(Fixtures.ROLE))).build(), List.of()),
                Arguments.of("path renamed", desired(s -> s.setPath("hello")), inSync(HELLO).build(), List.of(
                        "DeleteResource", "CreateResource", "PutMethod", "PutMethodResponse", "PutIntegration",
                        "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment", "RemovePermission", "AddPermission")),
                Arguments.of("path extended: the old method is stale", desired(s -> s.setPath("greeting/v2")),
                        inSync(HELLO).build(), List.of("DeleteMethod", "CreateResource", "PutMethod", "PutMethodResponse",
                                "PutIntegration", "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment",
                                "RemovePermission", "AddPermission")),
                Arguments.of("parameter renamed", desired(s -> s.setGreeterParameter("name")), inSync(HELLO).build(),
                        List.of("UpdateMethod", "PutIntegration", "PutIntegrationResponse", "CreateDeployment",
                                "DeleteDeployment")),
                Arguments.of("parameter made required", desired(s -> s.setGreeterRequired(true)), inSync(HELLO).build(),
                        List.of("CreateRequestValidator", "UpdateMethod", "CreateDeployment", "DeleteDeployment")),
                Arguments.of("stage renamed", desired(s -> s.setStage("prod")), inSync(HELLO).build(),
                        List.of("CreateDeployment", "DeleteStage", "DeleteDeployment")),
                Arguments.of("function changed", desired(s -> s.setFunctionArn(Fixtures.OTHER_FUNCTION)),
                        inSync(HELLO).withoutPermission().build(), List.of("RemovePermission", "PutIntegration",
                                "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment", "AddPermission")),
                Arguments.of("permission to role", desired(s -> s.setCredentialsRoleArn(Fixtures.ROLE)),
                        inSync(HELLO).build(), List.of("RemovePermission", "PutIntegration", "PutIntegrationResponse",
                                "CreateDeployment", "DeleteDeployment")),
                Arguments.of("role to permission", HELLO,
                        inSync(desired(s -> s.setCredentialsRoleArn(Fixtures.ROLE))).withoutPermission().build(),
                        List.of("PutIntegration", "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment",
                                "AddPermission")),
                Arguments.of("tags changed: no deployment", desired(s -> s.setTags(Map.of("team", "payments"))),
                        inSync(HELLO).withAttributes(HELLO.apiName(), withTag(HELLO.tags(), "old", "x")).build(),
                        List.of("TagResource", "UntagResource")),
                Arguments.of("api renamed: no deployment", desired(s -> s.setApiName("Renamed")),
                        inSync(HELLO).withAttributes(HELLO.apiName(), HELLO.tags()).build(), List.of("UpdateRestApi")),
                Arguments.of("drift: method deleted", HELLO, inSync(HELLO).mapMethod("/greeting", m -> null).build(),
                        List.of("PutMethod", "PutMethodResponse", "PutIntegration", "PutIntegrationResponse",
                                "CreateDeployment", "DeleteDeployment")),
                Arguments.of("drift: method authorization changed", HELLO, inSync(HELLO).mapMethod("/greeting",
                        m -> new ObservedState.Method("AWS_IAM", false, null, m.requestParameters(), m.methodResponses(),
                                m.integration())).build(), List.of("UpdateMethod", "CreateDeployment", "DeleteDeployment")),
                Arguments.of("drift: method response deleted", HELLO, inSync(HELLO).mapMethod("/greeting",
                        m -> new ObservedState.Method("NONE", false, null, m.requestParameters(), List.of(),
                                m.integration())).build(), List.of("PutMethodResponse", "CreateDeployment", "DeleteDeployment")),
                Arguments.of("drift: integration deleted", HELLO, inSync(HELLO).mapMethod("/greeting",
                        m -> Fixtures.withIntegration(m, null)).build(),
                        List.of("PutIntegration", "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment")),
                Arguments.of("drift: template changed", HELLO, inSync(HELLO).mapMethod("/greeting",
                        m -> Fixtures.withIntegration(m, new ObservedState.Integration("AWS", "POST", HELLO.integrationUri(),
                                null, Map.of("application/json", "{}"), Map.of("200", "")))).build(),
                        List.of("PutIntegration", "PutIntegrationResponse", "CreateDeployment", "DeleteDeployment")),
                Arguments.of("drift: integration response deleted", HELLO, inSync(HELLO).mapMethod("/greeting",
                        m -> Fixtures.withIntegration(m, new ObservedState.Integration("AWS", "POST", HELLO.integrationUri(),
                                null, HELLO.requestTemplates(), Map.of()))).build(),
                        List.of("PutIntegrationResponse", "CreateDeployment", "DeleteDeployment")),
                Arguments.of("drift: stage deleted", HELLO, stagesOf(inSync(HELLO), List.of()), List.of("CreateDeployment")),
                Arguments.of("drift: stage points at a foreign deployment", HELLO, stagesOf(inSync(HELLO),
                        List.of(new ObservedState.Stage("test", "foreign", DeploymentMarker.STAGE_DESCRIPTION))),
                        List.of("CreateDeployment", "DeleteDeployment")),
                Arguments.of("drift: permission deleted", HELLO, inSync(HELLO).withoutPermission().build(),
                        List.of("AddPermission")),
                Arguments.of("drift: permission with another source", HELLO, withStatement(inSync(HELLO),
                        new ObservedState.Statement(HELLO.statementId(), "apigateway.amazonaws.com", "lambda:InvokeFunction",
                                HELLO.function().arn(), "arn:aws:execute-api:us-west-2:123456789012:other/*/GET/greeting")),
                        List.of("RemovePermission", "AddPermission")),
                Arguments.of("policy not read: permission left alone", HELLO, withStatement(inSync(HELLO), null)
                        , List.of()),
                Arguments.of("a stage someone else added is kept", HELLO, stagesOf(inSync(HELLO), List.of(
                        new ObservedState.Stage("test", Fixtures.DEPLOYMENT_ID, DeploymentMarker.STAGE_DESCRIPTION),
                        new ObservedState.Stage("manual", "dep-manual", null))), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plans")
    void plansExactlyTheseWrites(String name, DesiredState desired, ObservedState observed, List<String> operations) {
        assertThat(Planner.plan(desired, observed).operations()).containsExactlyElementsOf(operations);
    }

    @Test
    void createPlanCarriesTheRecipe() {
        Plan plan = Planner.plan(HELLO, ObservedState.none());
        assertThat(plan.createsApi()).isTrue();
        assertThat(plan.actionsOf(CreateResource.class)).containsExactly(new CreateResource("/", "greeting"));
        assertThat(plan.actionsOf(AwsAction.PutMethod.class)).containsExactly(
                new AwsAction.PutMethod("/greeting", "method.request.querystring.greeter", false, false));
        assertThat(plan.actionsOf(AwsAction.PutIntegration.class)).containsExactly(new AwsAction.PutIntegration(
                "/greeting", HELLO.integrationUri(), null, HELLO.requestTemplates()));
        assertThat(plan.actionsOf(AwsAction.PutIntegrationResponse.class)).containsExactly(
                new AwsAction.PutIntegrationResponse("/greeting", "200", ""));
        assertThat(plan.actionsOf(CreateDeployment.class)).containsExactly(new CreateDeployment("test", HELLO.configHash()));
        AddPermission add = plan.actionsOf(AddPermission.class).get(0);
        assertThat(add.sourceArn("newapi")).isEqualTo("arn:aws:execute-api:us-west-2:123456789012:newapi/*/GET/greeting");
        assertThat(add.statementId()).isEqualTo(HELLO.statementId());
    }

    @Test
    void renamedPathDeletesTheOldResourceOnly() {
        Plan plan = Planner.plan(desired(s -> s.setPath("v1/hello")), inSync(desired(s -> s.setPath("v1/greeting"))).build());
        assertThat(plan.actionsOf(DeleteResource.class)).containsExactly(new DeleteResource("res1", "/v1/greeting"));
        assertThat(plan.actionsOf(CreateResource.class)).containsExactly(new CreateResource("/v1", "hello"));
    }

    @Test
    void staleTreeIsDeletedAtItsTop() {
        Plan plan = Planner.plan(HELLO, inSync(desired(s -> s.setPath("a/b/c"))).build());
        assertThat(plan.actionsOf(DeleteResource.class)).containsExactly(new DeleteResource("res0", "/a"));
    }

    @Test
    void parameterRenamePatchesTheMethod() {
        Plan plan = Planner.plan(desired(s -> s.setGreeterParameter("name")), inSync(HELLO).build());
        assertThat(plan.actionsOf(UpdateMethod.class)).containsExactly(new UpdateMethod("/greeting", List.of(
                PatchOperation.remove("/requestParameters/method.request.querystring.greeter"),
                PatchOperation.add("/requestParameters/method.request.querystring.name", "false")), false));
    }

    @Test
    void requiredFlagAttachesTheValidator() {
        Plan plan = Planner.plan(desired(s -> s.setGreeterRequired(true)), inSync(HELLO).build());
        assertThat(plan.actionsOf(UpdateMethod.class)).containsExactly(new UpdateMethod("/greeting", List.of(
                PatchOperation.replace("/requestParameters/method.request.querystring.greeter", "true")), true));
    }

    @Test
    void renamedStageRemovesTheOldStageAndItsDeployment() {
        Plan plan = Planner.plan(desired(s -> s.setStage("prod")), inSync(HELLO).build());
        assertThat(plan.actionsOf(CreateDeployment.class)).extracting(CreateDeployment::stage).containsExactly("prod");
        assertThat(plan.actionsOf(DeleteStage.class)).containsExactly(new DeleteStage("test"));
        assertThat(plan.actionsOf(DeleteDeployment.class)).containsExactly(new DeleteDeployment(Fixtures.DEPLOYMENT_ID));
    }

    @Test
    void deploymentStillServedByAnotherStageIsKept() {
        ObservedState observed = stagesOf(inSync(HELLO), List.of(
                new ObservedState.Stage("test", Fixtures.DEPLOYMENT_ID, DeploymentMarker.STAGE_DESCRIPTION),
                new ObservedState.Stage("manual", Fixtures.DEPLOYMENT_ID, null)));
        Plan plan = Planner.plan(desired(s -> s.setGreeterParameter("name")), observed);
        assertThat(plan.deploys()).isTrue();
        assertThat(plan.actionsOf(DeleteDeployment.class)).isEmpty();
    }

    @Test
    void unservedDeploymentsAreRemovedWhenTheyWereRead() {
        Fixtures.Observed observed = inSync(HELLO);
        observed.stages.clear();
        observed.deploymentIds = List.of("orphan1", "orphan2");
        Plan plan = Planner.plan(HELLO, observed.build());
        assertThat(plan.operations()).containsExactly("CreateDeployment", "DeleteDeployment", "DeleteDeployment");
        assertThat(plan.actionsOf(DeleteDeployment.class)).extracting(DeleteDeployment::deploymentId)
                .containsExactly("orphan1", "orphan2");
    }

    @Test
    void deploymentsAStageStillServesAreKeptWhenRead() {
        Fixtures.Observed observed = inSync(desired(s -> s.setGreeterParameter("name")));
        observed.stages.add(new ObservedState.Stage("manual", "dep-manual", null));
        observed.deploymentIds = List.of(Fixtures.DEPLOYMENT_ID, "dep-manual");
        Plan plan = Planner.plan(HELLO, observed.build());
        assertThat(plan.actionsOf(DeleteDeployment.class)).containsExactly(new DeleteDeployment(Fixtures.DEPLOYMENT_ID));
    }

    @Test
    void changedFunctionLosesItsStatement() {
        Plan plan = Planner.plan(desired(s -> s.setFunctionArn(Fixtures.OTHER_FUNCTION)), inSync(HELLO).withoutPermission().build());
        assertThat(plan.actionsOf(RemovePermission.class)).containsExactly(new RemovePermission(Fixtures.FUNCTION, HELLO.statementId()));
        assertThat(plan.actionsOf(AddPermission.class)).extracting(AddPermission::functionArn).containsExactly(Fixtures.OTHER_FUNCTION);
    }

    private static Map<String, String> withTag(Map<String, String> tags, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(tags);
        copy.put(key, value);
        return copy;
    }

    private static ObservedState stagesOf(Fixtures.Observed observed, List<ObservedState.Stage> stages) {
        observed.stages.clear();
        observed.stages.addAll(stages);
        return observed.build();
    }

    private static ObservedState withStatement(Fixtures.Observed observed, ObservedState.Statement statement) {
        observed.permission = statement == null ? null : new ObservedState.Permission(statement);
        return observed.build();
    }
}
