package dev.greeting.emulator.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Finds the operation for a method and path, most specific template first. */
public final class Router {
    private final List<Route> routes = new CopyOnWriteArrayList<>();

    public record Match(Route route, Map<String, String> pathParams) {}

    public Router add(Service service, String operation, String method, String template, Handler handler) {
        routes.add(Route.of(service, operation, method, template, handler));
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt(Route::specificity).reversed());
        routes.clear();
        routes.addAll(sorted);
        return this;
    }

    public Optional<Match> match(String method, String rawPath, Map<String, List<String>> query) {
        List<String> segments = Route.split(rawPath);
        for (Route route : routes) {
            if (!route.method().equals(method)) {
                continue;
            }
            Optional<Map<String, String>> params = route.match(segments, query);
            if (params.isPresent()) {
                return Optional.of(new Match(route, params.get()));
            }
        }
        return Optional.empty();
    }

    /** Every operation name served, for the admin API and the closing documentation. */
    public List<String> operations() {
        return routes.stream().map(Route::operation).distinct().sorted().toList();
    }
}
