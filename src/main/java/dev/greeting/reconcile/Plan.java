package dev.greeting.reconcile;

import java.util.List;
import java.util.stream.Collectors;

/** The ordered AWS writes that converge the API; empty when AWS already matches the spec. */
public record Plan(List<AwsAction> actions) {
    public Plan {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    public boolean createsApi() {
        return actions.stream().anyMatch(a -> a instanceof AwsAction.CreateRestApi);
    }

    public boolean deploys() {
        return actions.stream().anyMatch(a -> a instanceof AwsAction.CreateDeployment);
    }

    public <T extends AwsAction> List<T> actionsOf(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<String> operations() {
        return actions.stream().map(AwsAction::operation).toList();
    }

    public String describe() {
        return actions.stream().map(AwsAction::describe).collect(Collectors.joining("; "));
    }
}
