package dev.greeting.emulator.lambda;

import static dev.greeting.emulator.lambda.LambdaTestSupport.client;
import static dev.greeting.emulator.lambda.LambdaTestSupport.nodeFunction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.greeting.emulator.Emulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionRequest;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PolicyLengthExceededException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.RemovePermissionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** A function's resource-based policy through the real SDK: statements, errors, revisions, concurrency. */
class LambdaPermissionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-west-2:123456789012:function:HelloWorld";
    private static final String SOURCE_ARN = "arn:aws:execute-api:us-west-2:123456789012:te6si5ach7/*/GET/greeting";

    private static Emulator emulator;
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        lambda = client(emulator, Region.US_WEST_2);
    }

    @AfterAll
    static void stop() {
        lambda.close();
        emulator.close();
    }

    @BeforeEach
    void createFunction() {
        emulator.reset();
        lambda.createFunction(nodeFunction("HelloWorld").build());
    }

    @Test
    void addPermissionAnswersTheStatementAsAws() throws Exception {
        AddPermissionResponse added = lambda.addPermission(apiGatewayPermission("greeting-get"));

        assertThat(added.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(added.statement())).isEqualTo(JSON.readTree("""
                {"Sid":"greeting-get","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},
                 "Action":"lambda:InvokeFunction","Resource":"%s",
                 "Condition":{"ArnLike":{"AWS:SourceArn":"%s"}}}""".formatted(FUNCTION_ARN, SOURCE_ARN)));
    }

    @Test
    void getPolicyReturnsEveryStatementInAPolicyDocument() throws Exception {
        lambda.addPermission(apiGatewayPermission("greeting-get"));
        lambda.addPermission(r -> r.functionName(FUNCTION_ARN).statementId("cross-account")
                .action("lambda:GetFunction").principal("210987654321").sourceAccount("123456789012"));
        lambda.addPermission(r -> r.functionName("123456789012:function:HelloWorld").statementId("anyone")
                .action("lambda:*").principal("*").principalOrgID("o-a1b2c3d4e5"));

        GetPolicyResponse policy = lambda.getPolicy(r -> r.functionName("HelloWorld"));

        JsonNode document = JSON.readTree(policy.policy());
        assertThat(document.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(document.get("Id").asText()).isEqualTo("default");
        assertThat(document.get("Statement")).hasSize(3);
        assertThat(document.get("Statement").get(0).get("Sid").asText()).isEqualTo("greeting-get");
        assertThat(document.get("Statement").get(1)).isEqualTo(JSON.readTree("""
                {"Sid":"cross-account","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},
                 "Action":"lambda:GetFunction","Resource":"%s",
                 "Condition":{"StringEquals":{"AWS:SourceAccount":"123456789012"}}}""".formatted(FUNCTION_ARN)));
        assertThat(document.get("Statement").get(2)).isEqualTo(JSON.readTree("""
                {"Sid":"anyone","Effect":"Allow","Principal":"*","Action":"lambda:*","Resource":"%s",
                 "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}""".formatted(FUNCTION_ARN)));
        assertThat(policy.revisionId())
                .isEqualTo(lambda.getFunction(r -> r.functionName("HelloWorld")).configuration().revisionId());
    }

    @Test
    void aFunctionWithoutStatementsHasNoPolicy() {
        assertNoPolicy();
        lambda.addPermission(apiGatewayPermission("greeting-get"));
        lambda.removePermission(r -> r.functionName("HelloWorld").statementId("greeting-get"));
        assertNoPolicy();
    }

    @Test
    void aStatementIdCanBeUsedOnce() {
        lambda.addPermission(apiGatewayPermission("greeting-get"));

        assertThatThrownBy(() -> lambda.addPermission(apiGatewayPermission("greeting-get")))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The statement id (greeting-get) provided"
                            + " already exists. Please provide a new statement id, or remove the existing statement.");
                });
    }

    @Test
    void removePermissionAnswers204AndTakesOnlyThatStatement() throws Exception {
        lambda.addPermission(apiGatewayPermission("first"));
        lambda.addPermission(apiGatewayPermission("second"));

        RemovePermissionResponse removed = lambda.removePermission(r -> r.functionName("HelloWorld").statementId("first"));

        assertThat(removed.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(statementIds()).containsExactly("second");
    }

    @Test
    void removingAnUnknownStatementIsNotFound() {
        lambda.addPermission(apiGatewayPermission("greeting-get"));

        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("HelloWorld").statementId("other")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Statement other is not found in resource policy."));
    }

    @Test
    void permissionsOfAnUnknownFunctionAreNotFound() {
        String message = "Function not found: arn:aws:lambda:us-west-2:123456789012:function:Nope";
        Consumer<Throwable> notFound = e -> assertThat(((ResourceNotFoundException) e).awsErrorDetails().errorMessage())
                .isEqualTo(message);
        assertThatThrownBy(() -> lambda.addPermission(apiGatewayPermission("x").toBuilder().functionName("Nope").build()))
                .isInstanceOf(ResourceNotFoundException.class).satisfies(notFound);
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("Nope"))).satisfies(notFound);
        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("Nope").statementId("x"))).satisfies(notFound);
    }

    @Test
    void thePolicyIsCappedAt20Kilobytes() throws Exception {
        int added = 0;
        PolicyLengthExceededException refused = null;
        while (refused == null && added < 200) {
            try {
                lambda.addPermission(apiGatewayPermission("statement-" + added));
                added++;
            } catch (PolicyLengthExceededException e) {
                refused = e;
            }
        }

        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(400);
        Matcher m = Pattern.compile("The final policy size \\((\\d+)\\) is bigger than the limit \\(20480\\)\\.")
                .matcher(refused.awsErrorDetails().errorMessage());
        assertThat(m.matches()).as(refused.awsErrorDetails().errorMessage()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(20480);
        String policy = lambda.getPolicy(r -> r.functionName("HelloWorld")).policy();
        assertThat(policy.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(20480);
        assertThat(JSON.readTree(policy).get("Statement")).hasSize(added);
    }

    @Test
    void aStaleRevisionIdIsAFailedPrecondition() throws Exception {
        String revision = lambda.getFunction(r -> r.functionName("HelloWorld")).configuration().revisionId();
        lambda.addPermission(apiGatewayPermission("first").toBuilder().revisionId(revision).build());

        assertThatThrownBy(() -> lambda.addPermission(apiGatewayPermission("second").toBuilder().revisionId(revision).build()))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThatThrownBy(() -> lambda.removePermission(r -> r.functionName("HelloWorld").statementId("first")
                .revisionId(revision)))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(statementIds()).containsExactly("first");

        String current = lambda.getPolicy(r -> r.functionName("HelloWorld")).revisionId();
        lambda.removePermission(r -> r.functionName("HelloWorld").statementId("first").revisionId(current));
        assertNoPolicy();
    }

    @Test
    void malformedMembersAreRejected() {
        assertThatThrownBy(() -> lambda.addPermission(apiGatewayPermission("has.a.dot")))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("at 'statementId'");
                });
        assertThatThrownBy(() -> lambda.addPermission(apiGatewayPermission("bad-principal").toBuilder()
                .principal("not a principal").build()))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> lambda.addPermission(apiGatewayPermission("bad-principal").toBuilder()
                .principal("nobody").build()))
                .isInstanceOf(InvalidParameterValueException.class);
        assertNoPolicy();
    }

    @Test
    void concurrentAddPermissionsAllLandInOneConsistentPolicy() throws Exception {
        int threads = 6;
        int perThread = 8; // 48 statements of ~240 bytes: well under the 20 KB cap
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        lambda.addPermission(apiGatewayPermission("t" + thread + "-s" + i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        Set<String> expected = new TreeSet<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.add("t" + t + "-s" + i);
            }
        }
        assertThat(statementIds()).hasSize(threads * perThread).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(emulator.counters().calls("AddPermission")).isEqualTo(threads * perThread);
    }

    @Test
    void concurrentAddsOfOneStatementIdLetExactlyOneThrough() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            Callable<Boolean> add = () -> {
                try {
                    lambda.addPermission(apiGatewayPermission("same"));
                    return true;
                } catch (ResourceConflictException e) {
                    return false;
                }
            };
            for (int t = 0; t < threads; t++) {
                outcomes.add(pool.submit(add));
            }
            int successes = 0;
            for (Future<Boolean> f : outcomes) {
                successes += f.get() ? 1 : 0;
            }
            assertThat(successes).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(statementIds()).containsExactly("same");
    }

    private static AddPermissionRequest apiGatewayPermission(String statementId) {
        return AddPermissionRequest.builder()
                .functionName("HelloWorld")
                .statementId(statementId)
                .action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com")
                .sourceArn(SOURCE_ARN)
                .build();
    }

    private static List<String> statementIds() throws Exception {
        List<String> ids = new ArrayList<>();
        JSON.readTree(lambda.getPolicy(r -> r.functionName("HelloWorld")).policy()).get("Statement")
                .forEach(s -> ids.add(s.get("Sid").asText()));
        return ids;
    }

    private static void assertNoPolicy() {
        assertThatThrownBy(() -> lambda.getPolicy(r -> r.functionName("HelloWorld")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The resource you requested does not exist."));
    }
}
