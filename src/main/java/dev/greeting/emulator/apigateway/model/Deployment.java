package dev.greeting.emulator.apigateway.model;

import java.time.Instant;
import java.util.Map;

/** The Deployment shape; {@code apiSummary} (path → method → snapshot) only when asked for with {@code embed=apisummary}. */
public record Deployment(
        String id,
        String description,
        @EpochSeconds Instant createdDate,
        Map<String, Map<String, MethodSnapshot>> apiSummary) {

    public Deployment {
        apiSummary = Immutable.map(apiSummary);
    }

    public Deployment withApiSummary(Map<String, Map<String, MethodSnapshot>> summary) {
        return new Deployment(id, description, createdDate, summary);
    }
}
