package dev.greeting.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.model.GreetingApiSpec;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DesiredStateTest {

    @Test
    void helloWorldWithDefaults() {
        DesiredState d = Fixtures.desired();
        assertThat(d.apiName()).isEqualTo("default-hello-world");
        assertThat(d.region()).isEqualTo("us-west-2");
        assertThat(d.greeterParameter()).isEqualTo("greeter");
        assertThat(d.greeterRequired()).isFalse();
        assertThat(d.resourcePath()).isEqualTo("/greeting");
        assertThat(d.resourceChain()).containsExactly("/greeting");
        assertThat(d.requestParameterKey()).isEqualTo("method.request.querystring.greeter");
        assertThat(d.integrationUri()).isEqualTo("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                + Fixtures.FUNCTION + "/invocations");
        assertThat(d.requestTemplates()).containsExactly(Map.entry("application/json",
                "{\"greeter\":\"$util.escapeJavaScript($input.params('greeter')).replaceAll(\"\\\\'\",\"'\")\"}"));
        assertThat(d.managedPermission()).isTrue();
        assertThat(d.statementId()).isEqualTo("greeting-operator-" + Fixtures.UID);
        assertThat(d.sourceArn("abc123")).isEqualTo("arn:aws:execute-api:us-west-2:123456789012:abc123/*/GET/greeting");
        assertThat(d.tags()).containsEntry(DesiredState.UID_TAG, Fixtures.UID)
                .containsEntry(DesiredState.RESOURCE_TAG, "default/hello-world");
    }

    @Test
    void explicitValuesWin() {
        DesiredState d = Fixtures.desired(s -> {
            s.setApiName("HelloWorld (AWS CLI)");
            s.setRegion("eu-west-1");
            s.setPath("v1/greeting");
            s.setGreeterParameter("name");
            s.setGreeterRequired(true);
            s.setCredentialsRoleArn(Fixtures.ROLE);
            s.setTags(Map.of("team", "payments"));
        });
        assertThat(d.apiName()).isEqualTo("HelloWorld (AWS CLI)");
        assertThat(d.region()).isEqualTo("eu-west-1");
        assertThat(d.resourceChain()).containsExactly("/v1", "/v1/greeting");
        assertThat(d.requestTemplate()).isEqualTo("{\"greeter\":\"$util.escapeJavaScript($input.params('name')).replaceAll(\"\\\\'\",\"'\")\"}");
        assertThat(d.managedPermission()).isFalse();
        assertThat(d.tags()).containsEntry("team", "payments").hasSize(3);
        // the integration stays in the function's region, whatever the API's region
        assertThat(d.integrationUri()).startsWith("arn:aws:apigateway:us-east-1:lambda:");
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("no function", (Consumer<GreetingApiSpec>) s -> s.setFunctionArn(null), "functionArn"),
                Arguments.of("not a function ARN", (Consumer<GreetingApiSpec>) s -> s.setFunctionArn("arn:aws:s3:::bucket"), "functionArn"),
                Arguments.of("no path", (Consumer<GreetingApiSpec>) s -> s.setPath(null), "path"),
                Arguments.of("leading slash", (Consumer<GreetingApiSpec>) s -> s.setPath("/greeting"), "path"),
                Arguments.of("empty part", (Consumer<GreetingApiSpec>) s -> s.setPath("v1//greeting"), "path"),
                Arguments.of("space in path", (Consumer<GreetingApiSpec>) s -> s.setPath("hello world"), "path"),
                Arguments.of("quote in parameter", (Consumer<GreetingApiSpec>) s -> s.setGreeterParameter("a'))$x"), "greeterParameter"),
                Arguments.of("JSON in parameter", (Consumer<GreetingApiSpec>) s -> s.setGreeterParameter("x\":\"y"), "greeterParameter"),
                Arguments.of("VTL in parameter", (Consumer<GreetingApiSpec>) s -> s.setGreeterParameter("$context"), "greeterParameter"),
                Arguments.of("no stage", (Consumer<GreetingApiSpec>) s -> s.setStage(null), "stage"),
                Arguments.of("dot in stage", (Consumer<GreetingApiSpec>) s -> s.setStage("v1.0"), "stage"),
                Arguments.of("dot-dot part", (Consumer<GreetingApiSpec>) s -> s.setPath("a/../b"), "path"),
                Arguments.of("digit-first parameter", (Consumer<GreetingApiSpec>) s -> s.setGreeterParameter("1x"), "greeterParameter"),
                Arguments.of("bad region", (Consumer<GreetingApiSpec>) s -> s.setRegion("mars"), "region"),
                Arguments.of("bad role", (Consumer<GreetingApiSpec>) s -> s.setCredentialsRoleArn("arn:aws:iam::1:user/x"), "credentialsRoleArn"),
                Arguments.of("partition mismatch", (Consumer<GreetingApiSpec>) s -> s.setRegion("cn-north-1"), "region"),
                Arguments.of("reserved tag", (Consumer<GreetingApiSpec>) s -> s.setTags(Map.of("greeting.dev/uid", "x")), "tags"),
                Arguments.of("aws tag", (Consumer<GreetingApiSpec>) s -> s.setTags(Map.of("aws:owner", "x")), "tags"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void rejectsWhatCannotBeBuiltSafely(String name, Consumer<GreetingApiSpec> change, String field) {
        assertThatThrownBy(() -> Fixtures.desired(change))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(field);
    }

    @Test
    void noRegionAnywhereIsInvalid() {
        assertThatThrownBy(() -> DesiredState.of(Fixtures.resource(s -> { }), null))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("AWS_REGION");
    }

    static Stream<Arguments> hashChanges() {
        return Stream.of(
                Arguments.of("path", (Consumer<GreetingApiSpec>) s -> s.setPath("hello"), true),
                Arguments.of("parameter", (Consumer<GreetingApiSpec>) s -> s.setGreeterParameter("name"), true),
                Arguments.of("required", (Consumer<GreetingApiSpec>) s -> s.setGreeterRequired(true), true),
                Arguments.of("function", (Consumer<GreetingApiSpec>) s -> s.setFunctionArn(Fixtures.OTHER_FUNCTION), true),
                Arguments.of("credentials", (Consumer<GreetingApiSpec>) s -> s.setCredentialsRoleArn(Fixtures.ROLE), true),
                Arguments.of("stage", (Consumer<GreetingApiSpec>) s -> s.setStage("prod"), false),
                Arguments.of("tags", (Consumer<GreetingApiSpec>) s -> s.setTags(Map.of("team", "x")), false),
                Arguments.of("apiName", (Consumer<GreetingApiSpec>) s -> s.setApiName("other"), false));
    }

    @ParameterizedTest(name = "{0} changes the deployed hash: {2}")
    @MethodSource("hashChanges")
    void hashCoversWhatADeploymentSnapshots(String name, Consumer<GreetingApiSpec> change, boolean changes) {
        String before = Fixtures.desired().configHash();
        String after = Fixtures.desired(change).configHash();
        assertThat(after.equals(before)).isEqualTo(!changes);
        assertThat(DeploymentMarker.hashFrom(DeploymentMarker.deploymentDescription(after))).isEqualTo(after);
    }
}
