package dev.greeting.emulator.control;

import static dev.greeting.emulator.lambda.LambdaTestSupport.client;
import static dev.greeting.emulator.lambda.LambdaTestSupport.nodeFunction;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The admin API under /_emulator/: health, counters, quotas, faults, reset. */
class ControlApiTest {
    private Emulator emulator;
    private AdminClient admin;
    private LambdaClient lambda;

    @BeforeEach
    void start() {
        emulator = Emulator.start();
        admin = new AdminClient(emulator);
        lambda = client(emulator, Region.US_WEST_2);
    }

    @AfterEach
    void stop() {
        lambda.close();
        emulator.close();
    }

    @Test
    void healthListsTheAwsOperationsServed() {
        AdminClient.Response health = admin.get("/_emulator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        List<String> operations = new ArrayList<>();
        health.json().get("operations").forEach(op -> operations.add(op.asText()));
        assertThat(operations).contains("CreateFunction", "GetFunction", "ListFunctions", "DeleteFunction",
                "AddPermission", "GetPolicy", "RemovePermission");
        assertThat(operations).noneMatch(op -> op.startsWith("Control."));
    }

    @Test
    void countersCountAwsCallsPerOperationAndNotAdminCalls() {
        lambda.createFunction(nodeFunction("HelloWorld").build());
        lambda.getFunction(r -> r.functionName("HelloWorld"));
        lambda.getFunction(r -> r.functionName("HelloWorld"));
        try {
            lambda.getFunction(r -> r.functionName("Missing"));
        } catch (ResourceNotFoundException expected) {
            // a failed call is still a call
        }
        admin.get("/_emulator/health");

        JsonNode counters = admin.get("/_emulator/counters").json();

        assertThat(counters.get("calls").get("CreateFunction").asLong()).isEqualTo(1);
        assertThat(counters.get("calls").get("GetFunction").asLong()).isEqualTo(3);
        assertThat(counters.get("total").asLong()).isEqualTo(4);
        assertThat(counters.get("throttled")).isEmpty();
        assertThat(counters.get("faulted")).isEmpty();
        assertThat(counters.get("calls").has("Control.Health")).isFalse();
        assertThat(emulator.counters().calls("GetFunction")).isEqualTo(3);
        assertThat(emulator.counters().totalCalls()).isEqualTo(4);
    }

    @Test
    void countersResetOverHttpAndFromJava() {
        lambda.listFunctions();

        assertThat(admin.delete("/_emulator/counters").status()).isEqualTo(204);
        assertThat(emulator.counters().totalCalls()).isZero();
        assertThat(admin.get("/_emulator/counters").json().get("calls")).isEmpty();

        lambda.listFunctions();
        assertThat(admin.get("/_emulator/counters").json().get("total").asLong()).isEqualTo(1);
        emulator.counters().reset();
        assertThat(admin.get("/_emulator/counters").json().get("total").asLong()).isZero();
    }

    @Test
    void quotasAreOffByDefaultAndListAwsRules() {
        JsonNode quotas = admin.get("/_emulator/quotas").json();

        assertThat(quotas.get("profile").asText()).isEqualTo("none");
        assertThat(quotas.get("timeScale").asDouble()).isEqualTo(1);
        List<String> rules = new ArrayList<>();
        quotas.get("apigateway").forEach(rule -> rules.add(rule.get("name").asText()));
        assertThat(rules).containsExactlyInAnyOrder("CreateRestApi", "PutRestApi", "CreateDeployment", "DeleteRestApi",
                "GetResources", "CreateDeleteResource", "ApiGatewayTotal");
        JsonNode lambdaRule = quotas.get("lambda").get(0);
        assertThat(lambdaRule.get("permitsPerSecond").asDouble()).isEqualTo(15);
        assertThat(lambdaRule.get("burst").asDouble()).isEqualTo(15);
    }

    @Test
    void putQuotasSwitchesProfileAndScale() {
        AdminClient.Response put = admin.put("/_emulator/quotas", "{\"profile\":\"aws\",\"timeScale\":100}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("profile").asText()).isEqualTo("aws");
        assertThat(emulator.quotas().enabled()).isTrue();
        assertThat(emulator.quotas().timeScale()).isEqualTo(100);

        // a member left out keeps its value
        admin.put("/_emulator/quotas", "{\"timeScale\":50}");
        assertThat(emulator.quotas().enabled()).isTrue();
        assertThat(emulator.quotas().timeScale()).isEqualTo(50);
        admin.put("/_emulator/quotas", "{\"profile\":\"none\"}");
        assertThat(emulator.quotas().enabled()).isFalse();
        assertThat(emulator.quotas().timeScale()).isEqualTo(50);
        admin.put("/_emulator/quotas", "{\"timeScale\":10}");
        assertThat(emulator.quotas().enabled()).isFalse();
    }

    @Test
    void putQuotasRejectsWhatItCannotApply() {
        AdminClient.Response unknown = admin.put("/_emulator/quotas", "{\"profile\":\"strict\"}");
        AdminClient.Response zero = admin.put("/_emulator/quotas", "{\"profile\":\"aws\",\"timeScale\":0}");
        AdminClient.Response malformed = admin.put("/_emulator/quotas", "{profile");

        assertThat(List.of(unknown.status(), zero.status(), malformed.status())).containsOnly(400);
        assertThat(unknown.json().get("message").asText()).contains("strict");
        assertThat(emulator.quotas().enabled()).isFalse();
        assertThat(emulator.quotas().timeScale()).isEqualTo(1);
    }

    @Test
    void startOptionsShowInTheAdminApi() {
        try (Emulator withQuotas = Emulator.start(EmulatorOptions.defaults().withQuotas("aws", 100)
                .withFaults(new FaultConfig(0.1, 0.2, 3, 9, Set.of("GetFunction"))))) {
            AdminClient other = new AdminClient(withQuotas);
            JsonNode quotas = other.get("/_emulator/quotas").json();
            JsonNode faults = other.get("/_emulator/faults").json();

            assertThat(quotas.get("profile").asText()).isEqualTo("aws");
            assertThat(quotas.get("timeScale").asDouble()).isEqualTo(100);
            assertThat(faults.get("errorRate").asDouble()).isEqualTo(0.1);
            assertThat(faults.get("seed").asLong()).isEqualTo(9);
        }
    }

    @Test
    void faultsRoundTripThroughTheAdminApi() {
        JsonNode none = admin.get("/_emulator/faults").json();
        assertThat(none.get("errorRate").asDouble()).isZero();
        assertThat(none.get("operations")).isEmpty();

        AdminClient.Response put = admin.put("/_emulator/faults", """
                {"errorRate":0.25,"throttleRate":0.5,"latencyMillis":15,"seed":1234,"operations":["GetFunction","AddPermission"]}""");

        assertThat(put.status()).isEqualTo(200);
        JsonNode faults = admin.get("/_emulator/faults").json();
        assertThat(faults.get("errorRate").asDouble()).isEqualTo(0.25);
        assertThat(faults.get("throttleRate").asDouble()).isEqualTo(0.5);
        assertThat(faults.get("latencyMillis").asLong()).isEqualTo(15);
        assertThat(faults.get("seed").asLong()).isEqualTo(1234);
        List<String> operations = new ArrayList<>();
        faults.get("operations").forEach(op -> operations.add(op.asText()));
        assertThat(operations).containsExactlyInAnyOrder("GetFunction", "AddPermission");
        assertThat(emulator.faults().config())
                .isEqualTo(new FaultConfig(0.25, 0.5, 15, 1234, Set.of("GetFunction", "AddPermission")));
    }

    @Test
    void putFaultsRejectsImpossibleRatesAndKeepsTheConfig() {
        AdminClient.Response rejected = admin.put("/_emulator/faults", "{\"errorRate\":0.7,\"throttleRate\":0.7}");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("message").asText()).contains("errorRate");
        assertThat(emulator.faults().config()).isEqualTo(FaultConfig.NONE);
    }

    @Test
    void resetForgetsFunctionsAndCounters() {
        lambda.createFunction(nodeFunction("HelloWorld").build());

        AdminClient.Response reset = admin.post("/_emulator/reset");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("status").asText()).isEqualTo("reset");
        assertThat(emulator.counters().totalCalls()).isZero();
        assertThat(emulator.lambda().findFunction("us-west-2", "HelloWorld")).isEmpty();
        assertThat(lambda.listFunctions().functions()).isEmpty();
    }
}
