package dev.greeting.bench;

import dev.greeting.emulator.control.QuotaRule;
import java.util.List;
import java.util.Map;

/**
 * The shortest time any client could do some work under a quota table: for each rule, the calls the
 * work needs that the rule counts, less its burst, divided by its rate; the slowest rule decides.
 * In emulated seconds (the quota table's own time).
 */
public record QuotaBound(double seconds, String rule, long callsPerApi, double rate, double burst) {

    /** The bound for {@code n} times the per-API calls, under the API Gateway and Lambda rules. */
    public static QuotaBound of(int n, Map<String, Integer> apiGatewayCalls, List<QuotaRule> apiGatewayRules,
                                Map<String, Integer> lambdaCalls, List<QuotaRule> lambdaRules) {
        QuotaBound best = new QuotaBound(0, "none", 0, 1, 1);
        for (QuotaBound b : List.of(slowest(n, apiGatewayCalls, apiGatewayRules), slowest(n, lambdaCalls, lambdaRules))) {
            if (b.seconds > best.seconds) {
                best = b;
            }
        }
        return best;
    }

    private static QuotaBound slowest(int n, Map<String, Integer> calls, List<QuotaRule> rules) {
        QuotaBound best = new QuotaBound(0, "none", 0, 1, 1);
        for (QuotaRule rule : rules) {
            long perApi = calls.entrySet().stream().filter(e -> rule.applies(e.getKey())).mapToLong(Map.Entry::getValue).sum();
            if (perApi == 0) {
                continue;
            }
            double needed = (double) perApi * n;
            double seconds = Math.max(0, needed - rule.burst()) / rule.permitsPerSecond();
            if (seconds > best.seconds) {
                best = new QuotaBound(seconds, rule.name(), perApi, rule.permitsPerSecond(), rule.burst());
            }
        }
        return best;
    }

    /** How many APIs the bound allows to be finished by {@code t} emulated seconds (the plot's line). */
    public double readyBy(double t, int n) {
        if (callsPerApi <= 0) {
            return n;
        }
        return Math.min(n, Math.floor((burst + t * rate) / callsPerApi));
    }
}
