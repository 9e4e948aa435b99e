package dev.greeting.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.greeting.aws.AwsAdapter;
import dev.greeting.aws.AwsFailure;
import dev.greeting.aws.AwsSettings;
import dev.greeting.aws.QuotaPolicy;
import dev.greeting.model.GreetingApi;
import dev.greeting.reconcile.InvalidSpecException;
import dev.greeting.reconcile.PlannedChange;
import dev.greeting.sandbox.Manifests;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@code plan -f MANIFEST}: what the operator would create, change or delete in AWS for each GreetingApi
 * of the manifest, without writing anything (a {@code terraform plan} for a GreetingApi). It reads AWS
 * as the operator does (same settings as {@code run}) and plans with the operator's own code
 * ({@link ManifestPlan}). Exit 0: nothing would change; 2: something would; 1: an error.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 1,
        description = {"Show what the operator would create, change or delete in AWS for the GreetingApis of a manifest, "
                + "without changing anything.",
                "Exit code 0: nothing would change; 2: something would; 1: error.",
                "AWS as for run: the default credential chain, AWS_REGION, AWS_ENDPOINT_URL, "
                        + "AWS_ENDPOINT_URL_API_GATEWAY, AWS_ENDPOINT_URL_LAMBDA."})
public final class PlanCommand implements Callable<Integer> {
    static final int NO_CHANGES = 0;
    static final int ERROR = 1;
    static final int CHANGES = 2;

    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--filename"}, paramLabel = "MANIFEST", required = true,
            description = "Manifest with one or more GreetingApis (YAML, documents separated by ---); repeatable.")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--region", description = "Region of a GreetingApi without spec.region (default: AWS_REGION).")
    String region;

    @Option(names = {"-n", "--namespace"}, defaultValue = "default",
            description = "Namespace of a GreetingApi without metadata.namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
            description = "text (default), or json: a list of {greetingApi, action, object, detail} for pipelines.")
    Output output;

    enum Output { text, json }

    private final Map<String, String> env;
    private final AwsCredentialsProvider credentials;

    public PlanCommand() {
        this(System.getenv(), null);
    }

    /** With the environment and credentials given (tests); null credentials: the default chain, as {@code run}. */
    public PlanCommand(Map<String, String> env, AwsCredentialsProvider credentials) {
        this.env = env;
        this.credentials = credentials;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ManifestPlan> plans = new ArrayList<>();
        try {
            List<GreetingApi> resources = greetingApis(err);
            try (AwsAdapter aws = new AwsAdapter(settings())) {
                for (GreetingApi resource : resources) {
                    plans.add(ManifestPlan.of(aws, resource));
                }
            }
        } catch (InvalidSpecException e) {
            err.println("plan: invalid GreetingApi: " + e.getMessage());
            return ERROR;
        } catch (AwsFailure e) {
            err.println("plan: cannot read AWS (" + e.reason() + "): " + e.getMessage());
            return ERROR;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("plan: " + e.getMessage());
            return ERROR;
        }
        if (output == Output.json) {
            out.println(json(plans));
        } else {
            text(plans, out);
        }
        out.flush();
        return plans.stream().allMatch(p -> p.changes().isEmpty()) ? NO_CHANGES : CHANGES;
    }

    /** The GreetingApis of the manifests; other kinds are skipped (said on stderr), none at all is an error. */
    private List<GreetingApi> greetingApis(PrintWriter err) {
        List<GreetingApi> resources = new ArrayList<>();
        for (Path manifest : manifests) {
            List<GenericKubernetesResource> objects;
            try {
                objects = Manifests.read(manifest);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(manifest + ": " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw new UncheckedIOException(manifest + ": " + e.getMessage(), e.getCause());
            }
            for (GenericKubernetesResource object : objects) {
                boolean greetingApi = "GreetingApi".equals(object.getKind()) && object.getApiVersion() != null
                        && object.getApiVersion().equals(GreetingApi.GROUP + "/" + GreetingApi.VERSION);
                if (!greetingApi) {
                    err.println("plan: skipping " + object.getApiVersion() + " " + object.getKind() + " in " + manifest);
                    continue;
                }
                resources.add(greetingApi(object, manifest));
            }
        }
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("no GreetingApi (greeting.dev/v1alpha1) in " + manifests);
        }
        return resources;
    }

    private GreetingApi greetingApi(GenericKubernetesResource object, Path manifest) {
        GreetingApi resource;
        try {
            resource = Serialization.jsonMapper().convertValue(object, GreetingApi.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid GreetingApi in " + manifest + ": " + e.getMessage(), e);
        }
        String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a GreetingApi in " + manifest + " has no metadata.name");
        }
        if (resource.getSpec() == null) {
            throw new IllegalArgumentException("GreetingApi " + name + " in " + manifest + " has no spec");
        }
        if (resource.getMetadata().getNamespace() == null) {
            resource.getMetadata().setNamespace(namespace);
        }
        return resource;
    }

    /** As {@code run} configures AWS; reads only, so no long quota waits. */
    private AwsSettings settings() {
        AwsSettings settings = AwsSettings.fromEnvironment(env);
        if (region != null) {
            settings = settings.withRegion(region);
        }
        return new AwsSettings(settings.defaultRegion(), settings.apiGatewayEndpoint(), settings.lambdaEndpoint(),
                credentials != null ? credentials : settings.credentials(), QuotaPolicy.awsDefaults(), Duration.ofSeconds(30));
    }

    private static void text(List<ManifestPlan> plans, PrintWriter out) {
        for (ManifestPlan plan : plans) {
            String api = plan.restApiId() == null ? "no REST API yet" : "REST API " + plan.restApiId();
            out.println("GreetingApi " + plan.namespace() + "/" + plan.name() + " (" + api + " in " + plan.region() + "): "
                    + (plan.changes().isEmpty() ? "up to date" : plan.changes().size() + " change(s)"));
            for (PlannedChange change : plan.changes()) {
                out.printf("  %s %-6s %s: %s%n", symbol(change.action()), change.action(), change.object(), change.detail());
            }
        }
        long create = plans.stream().mapToLong(p -> p.count(PlannedChange.CREATE)).sum();
        long change = plans.stream().mapToLong(p -> p.count(PlannedChange.CHANGE)).sum();
        long delete = plans.stream().mapToLong(p -> p.count(PlannedChange.DELETE)).sum();
        out.println(create + change + delete == 0 ? "No changes: AWS matches the manifest."
                : "Plan: " + create + " to create, " + change + " to change, " + delete + " to delete.");
    }

    private static String symbol(String action) {
        return switch (action) {
            case PlannedChange.CREATE -> "+";
            case PlannedChange.DELETE -> "-";
            default -> "~";
        };
    }

    private static String json(List<ManifestPlan> plans) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode list = mapper.createArrayNode();
        for (ManifestPlan plan : plans) {
            for (PlannedChange change : plan.changes()) {
                list.addObject().put("greetingApi", plan.namespace() + "/" + plan.name())
                        .put("restApiId", plan.restApiId())
                        .put("action", change.action()).put("object", change.object()).put("detail", change.detail());
            }
        }
        return list.toPrettyString();
    }
}
