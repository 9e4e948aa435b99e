package dev.greeting.aws;

import dev.greeting.reconcile.DeploymentMarker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration hash each deployment records in its description. A deployment never
 * changes, so a hash read once (or written by the operator) is kept: steady state needs no
 * GetDeployment.
 */
final class DeploymentHashes {
    private final Map<String, String> hashes = new ConcurrentHashMap<>();
    private final AwsCalls calls;

    DeploymentHashes(AwsCalls calls) {
        this.calls = calls;
    }

    void remember(String restApiId, String deploymentId, String hash) {
        hashes.put(restApiId + "/" + deploymentId, hash);
    }

    /** Whether this process made or already read the deployment (no call needed for its hash). */
    boolean knows(String restApiId, String deploymentId) {
        return hashes.containsKey(restApiId + "/" + deploymentId);
    }

    /** The hash the deployment records, or null when it was not made by the operator or is gone. */
    String hashOf(String region, String restApiId, String deploymentId) {
        String key = restApiId + "/" + deploymentId;
        String known = hashes.get(key);
        if (known != null) {
            return known;
        }
        try {
            String description = calls.apiGateway(region, "GetDeployment",
                    c -> c.getDeployment(b -> b.restApiId(restApiId).deploymentId(deploymentId)).description());
            String hash = DeploymentMarker.hashFrom(description);
            if (hash != null) {
                hashes.put(key, hash);
            }
            return hash;
        } catch (AwsFailure f) {
            if (f.is(ErrorClassifier.NOT_FOUND)) {
                return null;
            }
            throw f;
        }
    }
}
