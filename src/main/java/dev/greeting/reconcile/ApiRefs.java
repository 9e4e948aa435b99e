package dev.greeting.reconcile;

/** The AWS ids and URL a status reports; a null field is not known (yet). */
public record ApiRefs(String restApiId, String resourceId, String deploymentId, String invokeUrl) {
    public static final ApiRefs NONE = new ApiRefs(null, null, null, null);

    /** These refs, with the fields this one does not know taken from {@code older}. */
    public ApiRefs orElse(ApiRefs older) {
        boolean sameApi = restApiId == null || older.restApiId == null || restApiId.equals(older.restApiId);
        return new ApiRefs(restApiId != null ? restApiId : older.restApiId,
                resourceId != null || !sameApi ? resourceId : older.resourceId,
                deploymentId != null || !sameApi ? deploymentId : older.deploymentId,
                invokeUrl != null || !sameApi ? invokeUrl : older.invokeUrl);
    }
}
