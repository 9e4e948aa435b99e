package dev.greeting.testsupport;

import dev.greeting.model.GreetingApi;
import dev.greeting.model.GreetingApiSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.function.Consumer;

/** GreetingApi fixtures: the recipe's resource (path greeting, stage test) for a function. */
public final class GreetingApis {
    private GreetingApis() {
    }

    /** In {@code namespace} (null: the client's), with the spec changed by {@code customize}. */
    public static GreetingApi greetingApi(String namespace, String name, String functionArn,
                                          Consumer<GreetingApiSpec> customize) {
        GreetingApiSpec spec = new GreetingApiSpec();
        spec.setFunctionArn(functionArn);
        spec.setPath("greeting");
        spec.setStage("test");
        customize.accept(spec);
        GreetingApi api = new GreetingApi();
        api.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        api.setSpec(spec);
        return api;
    }

    public static GreetingApi greetingApi(String namespace, String name, String functionArn) {
        return greetingApi(namespace, name, functionArn, spec -> { });
    }
}
