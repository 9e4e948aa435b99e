package dev.greeting.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A GreetingApi: an API Gateway REST API with one GET method in front of a Lambda function.
 * The CRD in crds/ is generated from this class and its spec/status at build time; the printer
 * columns appear in the order declared here (the build reorders them: {@link PrinterColumnOrder}).
 */
@Group(GreetingApi.GROUP)
@Version(GreetingApi.VERSION)
@Plural(GreetingApi.PLURAL)
@ShortNames(GreetingApi.SHORT_NAME)
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "URL", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.invokeUrl")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
// priority 1: shown by `kubectl get -o wide` only
@AdditionalPrinterColumn(name = "REST API ID", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.restApiId",
        priority = 1)
public class GreetingApi extends CustomResource<GreetingApiSpec, GreetingApiStatus> implements Namespaced {
    public static final String GROUP = "greeting.dev";
    public static final String VERSION = "v1alpha1";
    public static final String PLURAL = "greetingapis";
    public static final String SHORT_NAME = "gapi";
    /** The CRD's name, as `kubectl get crd` shows it. */
    public static final String CRD_NAME = PLURAL + "." + GROUP;
    /**
     * Tag keys with this prefix belong to the operator (e.g. the tag carrying the resource's UID);
     * the CRD refuses them in spec.tags so a user cannot forge or clobber them.
     */
    public static final String RESERVED_TAG_PREFIX = GROUP + "/";

    /** Overridden only to make spec required in the CRD: a GreetingApi without one means nothing. */
    @Override
    @Required
    public GreetingApiSpec getSpec() {
        return super.getSpec();
    }
}
