package dev.greeting.emulator.dataplane;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Chooses the integration response for a Lambda (custom) integration's result: a function error's
 * errorMessage is matched against each selectionPattern (a Java regular expression matching the
 * whole message); when none matches, and always on success, the default response (no or an empty
 * selectionPattern) is used. Lambda errors without a matching pattern therefore answer with the
 * default response's status, 200 by default, as AWS does.
 */
public final class ResponseSelection {
    private ResponseSelection() {}

    /**
     * @param responses    the integration responses
     * @param statusCode   a response's status code (for a deterministic order)
     * @param pattern      a response's selectionPattern
     * @param errorMessage the function error's errorMessage, or null for a successful invocation
     * @return empty when nothing matches and there is no default response
     */
    public static <T> Optional<T> select(Collection<T> responses, Function<T, String> statusCode,
                                         Function<T, String> pattern, String errorMessage) {
        List<T> ordered = responses.stream().sorted(Comparator.comparing(statusCode)).toList();
        if (errorMessage != null) {
            for (T response : ordered) {
                String regex = pattern.apply(response);
                if (regex != null && !regex.isEmpty() && fullMatch(regex, errorMessage)) {
                    return Optional.of(response);
                }
            }
        }
        return ordered.stream().filter(r -> pattern.apply(r) == null || pattern.apply(r).isEmpty()).findFirst();
    }

    private static boolean fullMatch(String regex, String message) {
        try {
            return Pattern.compile(regex).matcher(message).matches();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
