package dev.greeting.emulator.apigateway;

import dev.greeting.emulator.apigateway.model.Resource;
import dev.greeting.emulator.apigateway.model.RestApi;
import dev.greeting.emulator.http.AwsException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The REST APIs of every region. Concurrency: the maps are concurrent, and each REST API is
 * changed only under its own monitor ({@link #withApi}); operations on different APIs run in
 * parallel, operations on one API one at a time. A deleted API is flagged under its monitor, so
 * a request that found it just before the delete still answers "not found".
 */
final class ApiGatewayStore {
    private final ConcurrentMap<String, ConcurrentMap<String, RestApiState>> regions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /** Creates an API with a fresh id, which {@code build} receives; it starts with the {@code root} resource. */
    RestApiState create(String region, Function<String, RestApi> build, Resource root) {
        ConcurrentMap<String, RestApiState> apis = regions.computeIfAbsent(region, r -> new ConcurrentHashMap<>());
        while (true) {
            String id = Ids.random(Ids.REST_API);
            if (apis.containsKey(id)) {
                continue;
            }
            RestApiState state = new RestApiState(region, sequence.incrementAndGet(), build.apply(id), root);
            if (apis.putIfAbsent(id, state) == null) {
                return state;
            }
        }
    }

    Optional<RestApiState> find(String region, String apiId) {
        Map<String, RestApiState> apis = regions.get(region);
        return apis == null || apiId == null ? Optional.empty() : Optional.ofNullable(apis.get(apiId));
    }

    /** Invoke URLs carry no region: the API with this id in any region (ids are unique across regions in practice). */
    Optional<RestApiState> findInAnyRegion(String apiId) {
        return regions.values().stream()
                .map(apis -> apis.get(apiId))
                .filter(s -> s != null)
                .findFirst();
    }

    /** The region's APIs in creation order. */
    List<RestApiState> list(String region) {
        Map<String, RestApiState> apis = regions.getOrDefault(region, new ConcurrentHashMap<>());
        return apis.values().stream().sorted(Comparator.comparingLong(s -> s.sequence)).toList();
    }

    /** Runs {@code action} holding the API's monitor; {@code notFound} when there is no such (live) API. */
    <T> T withApi(String region, String apiId, Supplier<AwsException> notFound, Function<RestApiState, T> action) {
        RestApiState state = find(region, apiId).orElseThrow(notFound);
        synchronized (state) {
            if (state.deleted) {
                throw notFound.get();
            }
            return action.apply(state);
        }
    }

    /** Like {@link #withApi} for the data plane: empty instead of an error. */
    <T> Optional<T> read(RestApiState state, Function<RestApiState, Optional<T>> action) {
        synchronized (state) {
            return state.deleted ? Optional.empty() : action.apply(state);
        }
    }

    void delete(String region, String apiId) {
        withApi(region, apiId, () -> Errors.apiNotFound(apiId), state -> {
            state.deleted = true;
            regions.get(region).remove(apiId, state);
            return null;
        });
    }

    void clear() {
        regions.clear();
    }
}
