package dev.greeting.model;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed and did; conditions follow the Kubernetes API conventions. */
public class GreetingApiStatus {
    private Long observedGeneration;
    private String restApiId;
    private String resourceId;
    private String deploymentId;
    private String invokeUrl;
    @JsonPropertyDescription("Region the REST API lives in: where the operator looks for it and deletes it.")
    private String region;
    private ServingCheckRecord lastServingCheck;
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public String getRestApiId() { return restApiId; }
    public void setRestApiId(String restApiId) { this.restApiId = restApiId; }
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public String getDeploymentId() { return deploymentId; }
    public void setDeploymentId(String deploymentId) { this.deploymentId = deploymentId; }
    public String getInvokeUrl() { return invokeUrl; }
    public void setInvokeUrl(String invokeUrl) { this.invokeUrl = invokeUrl; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public ServingCheckRecord getLastServingCheck() { return lastServingCheck; }
    public void setLastServingCheck(ServingCheckRecord lastServingCheck) { this.lastServingCheck = lastServingCheck; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
}
