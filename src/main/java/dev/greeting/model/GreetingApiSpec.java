package dev.greeting.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the user asks for; see DESIGN.md "The resource". */
public class GreetingApiSpec {
    private String functionArn;
    private String path;
    private String greeterParameter = "greeter";
    private String stage;
    private String region;
    private String apiName;
    private Boolean greeterRequired = false;
    private String credentialsRoleArn;
    private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;
    private Map<String, String> tags = new LinkedHashMap<>();

    public String getFunctionArn() { return functionArn; }
    public void setFunctionArn(String functionArn) { this.functionArn = functionArn; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getGreeterParameter() { return greeterParameter; }
    public void setGreeterParameter(String greeterParameter) { this.greeterParameter = greeterParameter; }
    public String getStage() { return stage; }
    public void setStage(String stage) { this.stage = stage; }
    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }
    public String getApiName() { return apiName; }
    public void setApiName(String apiName) { this.apiName = apiName; }
    public Boolean getGreeterRequired() { return greeterRequired; }
    public void setGreeterRequired(Boolean greeterRequired) { this.greeterRequired = greeterRequired; }
    public String getCredentialsRoleArn() { return credentialsRoleArn; }
    public void setCredentialsRoleArn(String credentialsRoleArn) { this.credentialsRoleArn = credentialsRoleArn; }
    public DeletionPolicy getDeletionPolicy() { return deletionPolicy; }
    public void setDeletionPolicy(DeletionPolicy deletionPolicy) { this.deletionPolicy = deletionPolicy; }
    public Map<String, String> getTags() { return tags; }
    public void setTags(Map<String, String> tags) { this.tags = tags; }
}
