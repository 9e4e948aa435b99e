package dev.greeting.reconcile;

import dev.greeting.model.ServingCheckRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The serving check: after a deployment (or a repair) the operator calls the GET method once through
 * API Gateway's TestInvokeMethod, which runs the real integration (permission, mapping template,
 * function). Everything here is pure: when a check is due, what its answer means, when to retry.
 * A check is never made by a resync alone: only a new deployment, a repair, or a failed check whose
 * retry delay has passed asks for one, so steady state costs no call.
 *
 * @param retryFirst delay after the first failed check, doubled per consecutive failure
 * @param retryMax cap of those delays
 */
public record ServingCheck(Duration retryFirst, Duration retryMax) {
    public static final String CONDITION = "Serving";
    public static final String REASON_SERVING = "Serving";
    /** The function ran and failed (threw, crashed, timed out inside Lambda). */
    public static final String REASON_FUNCTION_ERROR = "FunctionError";
    /** The gateway could not get an answer: missing permission, missing function, a mapping error, a non-2xx. */
    public static final String REASON_NOT_SERVING = "NotServing";
    /** The value the check sends as the greeter parameter, so a required parameter is present. */
    public static final String GREETER_VALUE = "greeting-operator";
    public static final ServingCheck DEFAULTS = new ServingCheck(Duration.ofMinutes(1), Duration.ofMinutes(30));

    private static final Pattern FUNCTION_ERROR =
            Pattern.compile("customer function error: (.*?)(\\. Lambda request id: \\S+)?$", Pattern.MULTILINE);
    private static final Pattern CONFIGURATION_ERROR =
            Pattern.compile("Execution failed due to (?:configuration error: )?(.*)$", Pattern.MULTILINE);

    /** What TestInvokeMethod answered. */
    public record Answer(int status, String body, String log, long latencyMs) {
    }

    /** What a check found: passed, or the reason and message of the failure. */
    public record Verdict(boolean serving, String reason, String message) {
    }

    /**
     * Whether to call TestInvokeMethod now.
     *
     * @param last status.lastServingCheck, or null
     * @param deploymentId the deployment the stage serves now
     * @param repaired whether this reconcile changed what the method does (see {@link #affectsServing})
     */
    public boolean needed(ServingCheckRecord last, String deploymentId, boolean repaired, Instant now) {
        if (deploymentId == null) {
            return false; // nothing is deployed yet: the plan will deploy first
        }
        if (last == null || repaired || !deploymentId.equals(last.getDeploymentId())) {
            return true;
        }
        return !Boolean.TRUE.equals(last.getPassed()) && !now.isBefore(nextRetry(last));
    }

    /** The later of two records of the same resource's checks (either may be null). */
    public static ServingCheckRecord newer(ServingCheckRecord a, ServingCheckRecord b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return timeOf(b).isAfter(timeOf(a)) ? b : a;
    }

    private static Instant timeOf(ServingCheckRecord record) {
        return record.getTime() == null ? Instant.EPOCH : Instant.parse(record.getTime());
    }

    /** When a failed check is tried again: its time plus the delay for its run of failures. */
    public Instant nextRetry(ServingCheckRecord last) {
        return timeOf(last).plus(retryDelay(last.getConsecutiveFailures() == null ? 1 : last.getConsecutiveFailures()));
    }

    /** The delay after {@code failures} consecutive failed checks (1: the first). */
    public Duration retryDelay(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 20));
        Duration d = retryFirst.multipliedBy(1L << doublings);
        return d.compareTo(retryMax) > 0 ? retryMax : d;
    }

    /** The query the check sends: the method's path with the greeter parameter set. */
    public static String pathWithQuery(DesiredState desired) {
        return desired.resourcePath() + "?" + desired.greeterParameter() + "=" + GREETER_VALUE;
    }

    /**
     * Whether a plan changed what the GET method does (a repair or a spec change), as opposed to
     * only the API's name or tags: such a change is checked even when the stage was not redeployed.
     */
    public static boolean affectsServing(Plan plan) {
        return plan.actions().stream().anyMatch(a -> !(a instanceof AwsAction.TagRestApi
                || a instanceof AwsAction.UntagRestApi || a instanceof AwsAction.UpdateRestApiName));
    }

    /**
     * What an answer means. With the operator's AWS (non-proxy) integration a function error still
     * goes out as 200 through the default integration response, so the execution log decides: it
     * names a function error, or a gateway-side failure ("Execution failed due to ...").
     */
    public static Verdict judge(Answer answer) {
        String log = answer.log() == null ? "" : answer.log();
        Matcher functionError = FUNCTION_ERROR.matcher(log);
        if (functionError.find()) {
            return new Verdict(false, REASON_FUNCTION_ERROR, "GET answered " + answer.status() + " in " + answer.latencyMs()
                    + " ms: the function failed: " + functionError.group(1));
        }
        Matcher failed = CONFIGURATION_ERROR.matcher(log);
        if (failed.find()) {
            return new Verdict(false, REASON_NOT_SERVING, "GET answered " + answer.status() + " in " + answer.latencyMs()
                    + " ms: " + failed.group(1).trim());
        }
        if (answer.status() < 200 || answer.status() > 299) {
            return new Verdict(false, REASON_NOT_SERVING, "GET answered " + answer.status() + " in " + answer.latencyMs()
                    + " ms: " + abbreviate(answer.body()));
        }
        return new Verdict(true, REASON_SERVING, "GET answered " + answer.status() + " in " + answer.latencyMs() + " ms");
    }

    /** The status.lastServingCheck for a check just made. */
    public static ServingCheckRecord record(ServingCheckRecord previous, Answer answer, Verdict verdict, String deploymentId,
                                            Instant now) {
        int failures = 0;
        if (!verdict.serving()) {
            boolean sameRun = previous != null && !Boolean.TRUE.equals(previous.getPassed())
                    && deploymentId.equals(previous.getDeploymentId());
            failures = sameRun && previous.getConsecutiveFailures() != null ? previous.getConsecutiveFailures() + 1 : 1;
        }
        return new ServingCheckRecord(now.truncatedTo(ChronoUnit.MILLIS).toString(), answer.status(), answer.latencyMs(),
                deploymentId, verdict.serving(), failures);
    }

    /** The verdict a record stands for, when no new check is due (the Serving condition is rebuilt from it). */
    public static Verdict fromRecord(ServingCheckRecord last, String previousMessage, String previousReason) {
        if (Boolean.TRUE.equals(last.getPassed())) {
            return new Verdict(true, REASON_SERVING, previousMessage != null ? previousMessage
                    : "GET answered " + last.getStatusCode() + " in " + last.getLatencyMs() + " ms");
        }
        return new Verdict(false, previousReason != null ? previousReason : REASON_NOT_SERVING,
                previousMessage != null ? previousMessage : "GET answered " + last.getStatusCode());
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }
}
