package dev.greeting.emulator.dataplane;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function an AWS integration calls:
 * {@code arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations},
 * after {@code ${stageVariables.name}} substitution.
 */
public record LambdaIntegrationUri(String region, String function) {
    private static final Pattern URI = Pattern.compile(
            "arn:aws[a-z-]*:apigateway:([a-z0-9-]+):lambda:path/2015-03-31/functions/(.+)/invocations");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    public static Optional<LambdaIntegrationUri> parse(String uri, Map<String, String> stageVariables) {
        if (uri == null) {
            return Optional.empty();
        }
        Matcher m = URI.matcher(substitute(uri, stageVariables));
        return m.matches() ? Optional.of(new LambdaIntegrationUri(m.group(1), m.group(2))) : Optional.empty();
    }

    static String substitute(String text, Map<String, String> stageVariables) {
        Matcher m = STAGE_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(stageVariables.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
