package dev.greeting.emulator.apigateway;

import dev.greeting.emulator.apigateway.model.ApiSnapshot;
import dev.greeting.emulator.apigateway.model.DeployedStage;
import dev.greeting.emulator.apigateway.model.LocatedRestApi;
import dev.greeting.emulator.apigateway.model.Stage;
import dev.greeting.emulator.http.Router;
import java.time.Instant;
import java.util.Optional;

/**
 * API Gateway's REST management API (2015-07-09), held in memory per region for account
 * {@value Errors#ACCOUNT_ID}, and a read-only view of it for the data plane.
 *
 * <p>The management API is served over HTTP through {@link #register}. The data plane (invoke
 * URLs, TestInvokeMethod) reads the state through the methods below; they return immutable
 * snapshots taken under the API's lock, so they are safe to use while management calls go on.
 */
public final class ApiGatewayEmulator {
    private final ApiGatewayStore store = new ApiGatewayStore();

    /** Registers every management operation under AWS's operation names. */
    public void register(Router router) {
        new RestApiHandlers(store).register(router);
        new ResourceHandlers(store).register(router);
        new MethodHandlers(store).register(router);
        new IntegrationHandlers(store).register(router);
        new RequestValidatorHandlers(store).register(router);
        new DeploymentHandlers(store).register(router);
        new StageHandlers(store).register(router);
        new TagHandlers(store).register(router);
    }

    /** Forgets every REST API in every region. */
    public void reset() {
        store.clear();
    }

    /**
     * The REST API with this id, whatever its region (invoke URLs carry no region).
     *
     * @return the API and its region, or empty when no such API exists
     */
    public Optional<LocatedRestApi> findRestApi(String apiId) {
        return store.findInAnyRegion(apiId)
                .flatMap(state -> store.read(state, s -> Optional.of(new LocatedRestApi(s.region, s.api))));
    }

    /**
     * What {@code /{apiId}/{stageName}/...} serves: the stage, its deployment and the configuration
     * that deployment froze (resources, methods, integrations, responses, request validators).
     * Changes made after the deployment do not show here until the stage points at a newer one.
     *
     * @return empty when the API or the stage does not exist
     */
    public Optional<DeployedStage> deployedStage(String apiId, String stageName) {
        return store.findInAnyRegion(apiId).flatMap(state -> store.read(state, s -> {
            Stage stage = s.stages.get(stageName);
            if (stage == null || !s.deployments.containsKey(stage.deploymentId())) {
                return Optional.empty();
            }
            return Optional.of(new DeployedStage(s.region, stage, s.deployments.get(stage.deploymentId()),
                    s.snapshots.get(stage.deploymentId())));
        }));
    }

    /**
     * The live, undeployed configuration of a REST API in a region, as TestInvokeMethod uses it.
     * A copy: later management calls do not change it.
     *
     * @return empty when the region has no API with this id
     */
    public Optional<ApiSnapshot> liveConfiguration(String region, String apiId) {
        return store.find(region, apiId).flatMap(state -> store.read(state, s -> Optional.of(s.snapshot(Instant.now()))));
    }
}
