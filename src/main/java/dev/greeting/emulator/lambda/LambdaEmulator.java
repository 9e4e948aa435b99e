package dev.greeting.emulator.lambda;

import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import dev.greeting.emulator.lambda.runtime.FunctionSpec;
import dev.greeting.emulator.lambda.runtime.InvokeOperation;
import dev.greeting.emulator.lambda.runtime.LambdaRuntime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Lambda's API (2015-03-31): functions per region in account 123456789012, their code and
 * resource-based policies. Serves CreateFunction, GetFunction, ListFunctions, DeleteFunction,
 * AddPermission, GetPolicy and RemovePermission; Invoke is added by the function runtime, which
 * reads functions through {@link #findFunction(String, String)}.
 */
public final class LambdaEmulator implements AutoCloseable {
    private static final String FUNCTIONS = "/2015-03-31/functions";

    private final FunctionStore store = new FunctionStore();
    private final FunctionHandlers functions = new FunctionHandlers(store, Clock.systemUTC());
    private final PermissionHandlers permissions = new PermissionHandlers(store);
    // Invoke: functions run for real by the runtime (package lambda.runtime), which this emulator owns
    private final LambdaRuntime runtime = new LambdaRuntime();
    private final InvokeOperation invoke = new InvokeOperation(
            (region, nameOrArn) -> findFunction(region, nameOrArn).map(LambdaEmulator::runtimeSpec), runtime);

    public void register(Router router) {
        router.add(Service.LAMBDA, "CreateFunction", "POST", FUNCTIONS, functions::create)
                .add(Service.LAMBDA, "ListFunctions", "GET", FUNCTIONS, functions::list)
                .add(Service.LAMBDA, "GetFunction", "GET", FUNCTIONS + "/{FunctionName}", functions::get)
                .add(Service.LAMBDA, "UpdateFunctionCode", "PUT", FUNCTIONS + "/{FunctionName}/code", functions::updateCode)
                .add(Service.LAMBDA, "DeleteFunction", "DELETE", FUNCTIONS + "/{FunctionName}", functions::delete)
                .add(Service.LAMBDA, "AddPermission", "POST", FUNCTIONS + "/{FunctionName}/policy", permissions::add)
                .add(Service.LAMBDA, "GetPolicy", "GET", FUNCTIONS + "/{FunctionName}/policy", permissions::get)
                .add(Service.LAMBDA, "RemovePermission", "DELETE", FUNCTIONS + "/{FunctionName}/policy/{StatementId}",
                        permissions::remove)
                .add(Service.LAMBDA, "Invoke", "POST", FUNCTIONS + "/{FunctionName}/invocations", invoke::invoke)
                .add(Service.CONTROL, "Control.GetFunctionCode", "GET", FunctionHandlers.CODE_PATH + "/{region}/{name}",
                        functions::code);
    }

    /**
     * The function a FunctionName member designates, as Lambda resolves it: a name, a name with
     * the {@code $LATEST} qualifier, a partial ARN ({@code 123456789012:function:NAME}) or a full ARN
     * ({@code arn:aws:lambda:REGION:123456789012:function:NAME}, which is looked up in the region it
     * names rather than in {@code region}).
     *
     * @param region    the region of the caller (e.g. the one a request was signed for)
     * @param nameOrArn any of the forms above
     * @return an immutable snapshot of the function's configuration, code and policy; empty when
     *         there is no such function, the name is malformed, it names another account, or a
     *         qualifier other than {@code $LATEST} (the emulator keeps no published versions)
     */
    public Optional<LambdaFunction> findFunction(String region, String nameOrArn) {
        return FunctionRef.parse(nameOrArn, region).flatMap(store::find);
    }

    /** The runtime that runs this emulator's functions (the API Gateway data plane invokes through it). */
    public LambdaRuntime runtime() {
        return runtime;
    }

    /** A function as the runtime runs it. */
    public static FunctionSpec runtimeSpec(LambdaFunction f) {
        return new FunctionSpec(f.name(), f.arn(), "$LATEST", f.runtime(), f.handler(),
                Duration.ofSeconds(f.timeoutSeconds()), f.memorySizeMb(), f.environment(), f.zip());
    }

    /** Every function of a region, by name. */
    public List<LambdaFunction> functions(String region) {
        return store.list(region);
    }

    /** Forgets every function in every region. */
    public void reset() {
        store.clear();
        runtime.evictAll();
    }

    @Override
    public void close() {
        store.clear();
        invoke.close();
        runtime.close();
    }
}
