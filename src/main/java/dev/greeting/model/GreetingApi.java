package dev.greeting.model;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A GreetingApi: an API Gateway REST API with one GET method in front of a Lambda function. */
@Group(GreetingApi.GROUP)
@Version(GreetingApi.VERSION)
@ShortNames("gapi")
public class GreetingApi extends CustomResource<GreetingApiSpec, GreetingApiStatus> implements Namespaced {
    public static final String GROUP = "greeting.dev";
    public static final String VERSION = "v1alpha1";
}
