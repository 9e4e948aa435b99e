package dev.greeting.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan's execution has done so far. Kept outside the executor so that, when a call fails
 * half-way, the reconciler still learns the API id and the ids already created.
 */
public final class Progress {
    private String restApiId;
    private String deploymentId;
    private String validatorId;
    private final Map<String, String> resourceIds = new HashMap<>();
    private final List<String> done = new ArrayList<>();

    public String restApiId() { return restApiId; }

    void restApiId(String id) { this.restApiId = id; }

    /** The deployment this execution created, or null. */
    public String deploymentId() { return deploymentId; }

    void deploymentId(String id) { this.deploymentId = id; }

    String validatorId() { return validatorId; }

    void validatorId(String id) { this.validatorId = id; }

    public String resourceId(String path) { return resourceIds.get(path); }

    void resourceId(String path, String id) { resourceIds.put(path, id); }

    /** The descriptions of the actions done, in order. */
    public List<String> done() { return List.copyOf(done); }

    void done(String description) { done.add(description); }
}
