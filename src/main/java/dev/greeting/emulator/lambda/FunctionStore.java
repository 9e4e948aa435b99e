package dev.greeting.emulator.lambda;

import dev.greeting.emulator.http.AwsException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Functions per region. Each function is an immutable {@link LambdaFunction} snapshot; changes
 * go through {@link ConcurrentHashMap#compute}, which serialises writers of one function while
 * readers and other functions proceed without locks.
 */
final class FunctionStore {
    private final Map<String, Map<String, LambdaFunction>> regions = new ConcurrentHashMap<>();

    private Map<String, LambdaFunction> region(String region) {
        return regions.computeIfAbsent(region, r -> new ConcurrentHashMap<>());
    }

    /** Stores a new function, or answers Lambda's conflict when the name is taken. */
    void create(LambdaFunction function) {
        if (region(function.region()).putIfAbsent(function.name(), function) != null) {
            throw AwsException.resourceConflict("Function already exist: " + function.name());
        }
    }

    Optional<LambdaFunction> find(FunctionRef ref) {
        if (!ref.inOurAccount() || !ref.isLatest()) {
            return Optional.empty();
        }
        return Optional.ofNullable(region(ref.region()).get(ref.name()));
    }

    LambdaFunction get(FunctionRef ref) {
        return find(ref).orElseThrow(() -> notFound(ref));
    }

    /**
     * Replaces the function by what {@code change} makes of it, atomically: concurrent updates of
     * one function apply one after the other, each to the result of the previous one. An
     * {@link AwsException} thrown by {@code change} leaves the function as it was.
     */
    LambdaFunction update(FunctionRef ref, UnaryOperator<LambdaFunction> change) {
        if (!ref.inOurAccount() || !ref.isLatest()) {
            throw notFound(ref);
        }
        LambdaFunction updated = region(ref.region()).computeIfPresent(ref.name(), (name, current) -> change.apply(current));
        if (updated == null) {
            throw notFound(ref);
        }
        return updated;
    }

    LambdaFunction delete(FunctionRef ref) {
        if (!ref.inOurAccount() || !ref.isLatest()) {
            throw notFound(ref);
        }
        LambdaFunction removed = region(ref.region()).remove(ref.name());
        if (removed == null) {
            throw notFound(ref);
        }
        return removed;
    }

    /** The region's functions by name, as ListFunctions pages through them. */
    List<LambdaFunction> list(String region) {
        return region(region).values().stream().sorted(Comparator.comparing(LambdaFunction::name)).toList();
    }

    void clear() {
        regions.clear();
    }

    static AwsException notFound(FunctionRef ref) {
        return AwsException.resourceNotFound("Function not found: " + ref.qualifiedArn());
    }
}
