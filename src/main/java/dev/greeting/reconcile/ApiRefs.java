package dev.greeting.reconcile;

/**
 * The AWS ids and URL a status reports, and the region the REST API lives in (so that a delete, or
 * a changed default region, finds it there); a null field is not known (yet).
 */
public record ApiRefs(String restApiId, String resourceId, String deploymentId, String invokeUrl, String region) {
    public static final ApiRefs NONE = new ApiRefs(null, null, null, null, null);

    /** Only the REST API: its id and region. */
    public static ApiRefs api(String restApiId, String region) {
        return restApiId == null ? NONE : new ApiRefs(restApiId, null, null, null, region);
    }

    /** These refs, with the fields this one does not know taken from {@code older}. */
    public ApiRefs orElse(ApiRefs older) {
        boolean sameApi = restApiId == null || older.restApiId == null || restApiId.equals(older.restApiId);
        return new ApiRefs(restApiId != null ? restApiId : older.restApiId,
                resourceId != null || !sameApi ? resourceId : older.resourceId,
                deploymentId != null || !sameApi ? deploymentId : older.deploymentId,
                invokeUrl != null || !sameApi ? invokeUrl : older.invokeUrl,
                region != null || !sameApi ? region : older.region);
    }
}
