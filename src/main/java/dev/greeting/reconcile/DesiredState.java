package dev.greeting.reconcile;

import dev.greeting.model.DeletionPolicy;
import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiSpec;
import dev.greeting.model.SpecRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What AWS should look like for one GreetingApi, with defaults applied and every user value
 * validated against the CRD's rules ({@link SpecRules}). Everything the planner compares against comes from here.
 */
public record DesiredState(
        String uid,
        String namespace,
        String name,
        String apiName,
        String region,
        List<String> pathParts,
        String greeterParameter,
        boolean greeterRequired,
        String stage,
        FunctionArn function,
        String credentialsRoleArn,
        Map<String, String> tags,
        DeletionPolicy deletionPolicy) {

    public static final String UID_TAG = GreetingApi.RESERVED_TAG_PREFIX + "uid";
    public static final String RESOURCE_TAG = GreetingApi.RESERVED_TAG_PREFIX + "resource";
    public static final String TEMPLATE_CONTENT_TYPE = "application/json";
    public static final String HTTP_METHOD = "GET";
    public static final String STATUS_200 = "200";

    private static final Pattern PARAMETER = Pattern.compile(SpecRules.PARAMETER_PATTERN);

    public DesiredState {
        if (!PARAMETER.matcher(greeterParameter).matches()) {
            // it goes into the mapping template: never let an unvalidated name through, whoever builds the state
            throw new IllegalArgumentException("not a valid greeterParameter: " + greeterParameter);
        }
        pathParts = List.copyOf(pathParts);
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }

    /**
     * The desired state of a resource; throws {@link InvalidSpecException} for a spec the CRD's rules
     * refuse (checked again here: a resource may predate the CRD or come from a cluster without CEL).
     */
    public static DesiredState of(GreetingApi resource, String defaultRegion) {
        GreetingApiSpec spec = resource.getSpec();
        List<String> problems = SpecRules.problems(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(String.join("; ", problems));
        }
        var meta = resource.getMetadata();
        String uid = meta.getUid();
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("the resource has no UID yet");
        }
        String region = spec.getRegion() != null ? spec.getRegion() : defaultRegion;
        if (region == null || region.isBlank()) {
            throw new InvalidSpecException("spec.region is not set and the operator has no default region (AWS_REGION)");
        }
        Map<String, String> tags = new LinkedHashMap<>(spec.getTags() == null ? Map.of() : spec.getTags());
        tags.put(UID_TAG, uid);
        tags.put(RESOURCE_TAG, meta.getNamespace() + "/" + meta.getName());
        String role = spec.getCredentialsRoleArn();
        return new DesiredState(uid, meta.getNamespace(), meta.getName(),
                spec.getApiName() != null ? spec.getApiName() : meta.getNamespace() + "-" + meta.getName(),
                region,
                List.of(spec.getPath().split("/")),
                spec.getGreeterParameter() != null ? spec.getGreeterParameter() : SpecRules.DEFAULT_GREETER_PARAMETER,
                Boolean.TRUE.equals(spec.getGreeterRequired()),
                spec.getStage(),
                FunctionArn.parse(spec.getFunctionArn()),
                role == null || role.isBlank() ? null : role,
                tags,
                spec.getDeletionPolicy() == null ? DeletionPolicy.Delete : spec.getDeletionPolicy());
    }

    /** The method's resource path, e.g. {@code /v1/greeting}. */
    public String resourcePath() {
        return "/" + String.join("/", pathParts);
    }

    /** Every resource from the root's child to the method's resource, parents first. */
    public List<String> resourceChain() {
        List<String> chain = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        for (String part : pathParts) {
            path.append('/').append(part);
            chain.add(path.toString());
        }
        return chain;
    }

    public String requestParameterKey() {
        return "method.request.querystring." + greeterParameter;
    }

    /**
     * The integration's request template: always a {@code greeter} key (the sample function reads
     * {@code event.greeter}, whatever the query parameter is called), empty when the parameter is absent.
     * The value is escaped with {@code $util.escapeJavaScript}, which turns {@code '} into {@code \'}
     * (not valid JSON), so {@code .replaceAll("\\'","'")} undoes just that escape (AWS's documented idiom);
     * with it, any query value renders as a valid JSON string holding exactly that value.
     * The only spec value in the template is the parameter name, inside a single-quoted VTL literal: it
     * matches {@link SpecRules#PARAMETER_PATTERN} (checked when the state is built), so it cannot close the
     * quote, start a reference ({@code $}) or directive ({@code #}), or escape anything.
     */
    public String requestTemplate() {
        return requestTemplate(greeterParameter);
    }

    /** The request template for a query parameter name that matches {@link SpecRules#PARAMETER_PATTERN}. */
    public static String requestTemplate(String parameter) {
        if (!PARAMETER.matcher(parameter).matches()) {
            throw new IllegalArgumentException("not a valid greeterParameter: " + parameter);
        }
        return "{\"greeter\":\"$util.escapeJavaScript($input.params('" + parameter + "')).replaceAll(\"\\\\'\",\"'\")\"}";
    }

    public Map<String, String> requestTemplates() {
        return Map.of(TEMPLATE_CONTENT_TYPE, requestTemplate());
    }

    public String integrationUri() {
        return function.invocationUri();
    }

    /** Without a credentials role, API Gateway needs a resource-based permission on the function. */
    public boolean managedPermission() {
        return credentialsRoleArn == null;
    }

    /** One statement per GreetingApi, the same across reconciles and restarts. */
    public String statementId() {
        return statementIdFor(uid);
    }

    public static String statementIdFor(String uid) {
        return "greeting-operator-" + uid;
    }

    /** The permission's source ARN: this API's GET method on the path, in any stage. */
    public String sourceArn(String restApiId) {
        return "arn:" + function.partition() + ":execute-api:" + region + ":" + function.account() + ":"
                + restApiId + "/*/" + HTTP_METHOD + resourcePath();
    }

    /** A hash of everything a deployment snapshots, recorded on the deployment to know what a stage serves. */
    public String configHash() {
        String canonical = String.join("\n",
                "path=" + resourcePath(),
                "method=" + HTTP_METHOD + " auth=NONE param=" + requestParameterKey() + " required=" + greeterRequired,
                "methodResponse=" + STATUS_200,
                "integration=AWS POST " + integrationUri(),
                "credentials=" + (credentialsRoleArn == null ? "" : credentialsRoleArn),
                "template=" + requestTemplate(),
                "integrationResponse=" + STATUS_200 + " pattern=");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
