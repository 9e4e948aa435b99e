package dev.greeting.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The last call the operator made to the GET method through TestInvokeMethod (status.lastServingCheck). */
public class ServingCheckRecord {
    @JsonPropertyDescription("When the check was made (RFC 3339).")
    private String time;
    @JsonPropertyDescription("The HTTP status the method answered.")
    private Integer statusCode;
    @JsonPropertyDescription("API Gateway's latency of the call, in milliseconds.")
    private Long latencyMs;
    @JsonPropertyDescription("The deployment the stage served when the check was made.")
    private String deploymentId;
    @JsonPropertyDescription("Whether the method served: a 2xx answer without a function or gateway error.")
    private Boolean passed;
    @JsonPropertyDescription("Failed checks in a row of this deployment; the next retry waits longer after each.")
    private Integer consecutiveFailures;

    public ServingCheckRecord() {
    }

    public ServingCheckRecord(String time, Integer statusCode, Long latencyMs, String deploymentId, Boolean passed,
                              Integer consecutiveFailures) {
        this.time = time;
        this.statusCode = statusCode;
        this.latencyMs = latencyMs;
        this.deploymentId = deploymentId;
        this.passed = passed;
        this.consecutiveFailures = consecutiveFailures;
    }

    public String getTime() { return time; }
    public void setTime(String time) { this.time = time; }
    public Integer getStatusCode() { return statusCode; }
    public void setStatusCode(Integer statusCode) { this.statusCode = statusCode; }
    public Long getLatencyMs() { return latencyMs; }
    public void setLatencyMs(Long latencyMs) { this.latencyMs = latencyMs; }
    public String getDeploymentId() { return deploymentId; }
    public void setDeploymentId(String deploymentId) { this.deploymentId = deploymentId; }
    public Boolean getPassed() { return passed; }
    public void setPassed(Boolean passed) { this.passed = passed; }
    public Integer getConsecutiveFailures() { return consecutiveFailures; }
    public void setConsecutiveFailures(Integer consecutiveFailures) { this.consecutiveFailures = consecutiveFailures; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServingCheckRecord r && Objects.equals(time, r.time) && Objects.equals(statusCode, r.statusCode)
                && Objects.equals(latencyMs, r.latencyMs) && Objects.equals(deploymentId, r.deploymentId)
                && Objects.equals(passed, r.passed) && Objects.equals(consecutiveFailures, r.consecutiveFailures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(time, statusCode, latencyMs, deploymentId, passed, consecutiveFailures);
    }
}
