package dev.greeting.reconcile;

import dev.greeting.model.GreetingApi;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Whether a GreetingApi takes over a REST API that exists already (one built by hand with the aws
 * CLI, say) instead of creating one: the {@link #ANNOTATION} names the API's id. The annotation is
 * read only while the resource knows no API of its own; once adopted, the API carries the
 * resource's UID tag and is found like any API the operator created (the annotation then changes
 * nothing, kept or removed). An API that carries another resource's UID tag is refused: two
 * resources converging one API would undo each other's work and one's delete would break the other.
 */
public final class Adoption {
    public static final String ANNOTATION = GreetingApi.GROUP + "/adopt-rest-api-id";
    public static final String REASON_REFUSED = "AdoptionRefused";
    public static final String REASON_NOT_FOUND = "AdoptionNotFound";
    public static final String REASON_INVALID = "AdoptionInvalid";
    /** API Gateway's REST API ids: ten lower-case letters and digits. */
    private static final Pattern REST_API_ID = Pattern.compile("[a-z0-9]{10}");

    private Adoption() {
    }

    public enum Kind { NOT_ADOPTING, ADOPT, REFUSED, NOT_FOUND, INVALID }

    /**
     * @param restApiId the API to adopt (ADOPT), or the one named (REFUSED, NOT_FOUND), else null
     * @param message why, for a condition (all but NOT_ADOPTING and ADOPT)
     */
    public record Decision(Kind kind, String restApiId, String message) {
        public boolean adopts() {
            return kind == Kind.ADOPT;
        }

        /** Whether the resource must stop here: Ready=False with {@link #reason()}, no AWS write. */
        public boolean refuses() {
            return kind == Kind.REFUSED || kind == Kind.NOT_FOUND || kind == Kind.INVALID;
        }

        public String reason() {
            return switch (kind) {
                case REFUSED -> REASON_REFUSED;
                case NOT_FOUND -> REASON_NOT_FOUND;
                case INVALID -> REASON_INVALID;
                default -> null;
            };
        }
    }

    /** Whether the annotations ask for an adoption at all (worth a look before any AWS call). */
    public static boolean requested(Map<String, String> annotations) {
        return annotations != null && annotations.containsKey(ANNOTATION);
    }

    /**
     * What to do with the annotation.
     *
     * @param annotations the resource's annotations (null: none)
     * @param knownRestApiId the API the resource already converges (status, or this process's memory), or null
     * @param uid the resource's UID
     * @param region where the API is looked for (for messages)
     * @param tagsOf the tags of the API with this id, or null when the region has no such API; asked only
     *               for a well-formed id of a resource that knows no API yet
     */
    public static Decision decide(Map<String, String> annotations, String knownRestApiId, String uid, String region,
                                  Function<String, Map<String, String>> tagsOf) {
        if (!requested(annotations) || knownRestApiId != null) {
            return new Decision(Kind.NOT_ADOPTING, null, null);
        }
        String value = annotations.get(ANNOTATION);
        String id = value == null ? "" : value.trim();
        if (!REST_API_ID.matcher(id).matches()) {
            return new Decision(Kind.INVALID, null, "annotation " + ANNOTATION + " is '" + value
                    + "', not a REST API id (ten lower-case letters and digits, as `aws apigateway get-rest-apis` shows"
                    + " it); nothing was created: fix the annotation (the operator reads it again at the next resync)"
                    + " or remove it to have a new API created");
        }
        Map<String, String> tags = tagsOf.apply(id);
        if (tags == null) {
            return new Decision(Kind.NOT_FOUND, id, "REST API " + id + " (annotation " + ANNOTATION
                    + ") does not exist in " + region + "; nothing was created: fix the id or spec.region,"
                    + " or remove the annotation to have a new API created");
        }
        String owner = tags.get(DesiredState.UID_TAG);
        if (owner != null && !owner.equals(uid)) {
            String resource = tags.get(DesiredState.RESOURCE_TAG);
            return new Decision(Kind.REFUSED, id, "REST API " + id + " in " + region + " belongs to another GreetingApi ("
                    + (resource == null ? "" : resource + ", ") + "UID " + owner + "); nothing was changed."
                    + " If that resource is gone (deletionPolicy Retain), remove the API's " + DesiredState.UID_TAG
                    + " tag to allow the adoption");
        }
        return new Decision(Kind.ADOPT, id, null);
    }
}
