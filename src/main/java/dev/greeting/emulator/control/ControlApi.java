package dev.greeting.emulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Json;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The emulator's admin API under {@code /_emulator/}: call counters (read, reset), quotas and
 * fault injection (read, set), and a full reset. Not part of AWS; never counted or throttled.
 */
public final class ControlApi {
    public static final String PREFIX = "/_emulator";
    private final Emulator emulator;

    public ControlApi(Emulator emulator) {
        this.emulator = emulator;
    }

    public void register(Router router) {
        router.add(Service.CONTROL, "Control.Health", "GET", PREFIX + "/health", this::health)
                .add(Service.CONTROL, "Control.GetCounters", "GET", PREFIX + "/counters", r -> counters())
                .add(Service.CONTROL, "Control.ResetCounters", "DELETE", PREFIX + "/counters", r -> resetCounters())
                .add(Service.CONTROL, "Control.GetQuotas", "GET", PREFIX + "/quotas", r -> quotas())
                .add(Service.CONTROL, "Control.PutQuotas", "PUT", PREFIX + "/quotas", this::putQuotas)
                .add(Service.CONTROL, "Control.GetFaults", "GET", PREFIX + "/faults", r -> faults())
                .add(Service.CONTROL, "Control.PutFaults", "PUT", PREFIX + "/faults", this::putFaults)
                .add(Service.CONTROL, "Control.Reset", "POST", PREFIX + "/reset", r -> reset());
    }

    private ApiResponse health(ApiRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("operations", emulator.router().operations().stream().filter(op -> !op.startsWith("Control.")).toList());
        return ApiResponse.json(200, body);
    }

    private ApiResponse counters() {
        CallCounters c = emulator.counters();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calls", c.callSnapshot());
        body.put("throttled", c.throttledSnapshot());
        body.put("faulted", c.faultedSnapshot());
        body.put("faultKinds", c.faultKindSnapshot());
        body.put("total", c.totalCalls());
        return ApiResponse.json(200, body);
    }

    private ApiResponse resetCounters() {
        emulator.counters().reset();
        return ApiResponse.empty(204);
    }

    private ApiResponse quotas() {
        Quotas q = emulator.quotas();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("profile", q.enabled() ? "aws" : "none");
        body.put("timeScale", q.timeScale());
        body.put("apigateway", q.rules(Service.APIGATEWAY));
        body.put("lambda", q.rules(Service.LAMBDA));
        return ApiResponse.json(200, body);
    }

    /** Body: {@code {"profile":"aws","timeScale":100}}; a member left out keeps its current value. */
    private ApiResponse putQuotas(ApiRequest request) {
        JsonNode body = request.json();
        Quotas current = emulator.quotas();
        try {
            current.configure(body.path("profile").asText(current.enabled() ? "aws" : "none"),
                    body.path("timeScale").asDouble(current.timeScale()));
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest(e.getMessage());
        }
        return quotas();
    }

    private ApiResponse faults() {
        return ApiResponse.json(200, emulator.faults().config());
    }

    /**
     * Body: {@code {"errorRate":0.1,"throttleRate":0.1,"latencyMillis":0,"seed":42,"operations":[]}}, and
     * optionally {@code "appliedErrorRate"}, {@code "appliedDropRate"} (applied, answer lost) and
     * {@code "latencyRate"} (default 1: every call delayed by latencyMillis).
     */
    private ApiResponse putFaults(ApiRequest request) {
        JsonNode body = request.json();
        Set<String> ops = new HashSet<>();
        body.path("operations").forEach(n -> ops.add(n.asText()));
        try {
            emulator.faults().configure(new FaultConfig(body.path("errorRate").asDouble(0),
                    body.path("throttleRate").asDouble(0), body.path("latencyMillis").asLong(0),
                    body.path("seed").asLong(0), ops, body.path("appliedErrorRate").asDouble(0),
                    body.path("appliedDropRate").asDouble(0), body.path("latencyRate").asDouble(1)));
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest(e.getMessage());
        }
        return faults();
    }

    private ApiResponse reset() {
        emulator.reset();
        return ApiResponse.json(200, Json.object().put("status", "reset"));
    }
}
