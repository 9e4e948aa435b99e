package dev.greeting.emulator.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.greeting.emulator.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import dev.greeting.testsupport.TestZips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real node processes running handlers the way Lambda's Node.js runtime does. */
class LambdaRuntimeTest {
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:";
    private static LambdaRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new LambdaRuntime();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static FunctionSpec fn(String name, Duration timeout, Map<String, String> files) {
        return FunctionSpec.node(name, ARN + name, "index.handler", timeout, TestZips.zip(files));
    }

    private static FunctionSpec fn(String name, Map<String, String> files) {
        return fn(name, Duration.ofSeconds(3), files);
    }

    private static InvocationResult invoke(FunctionSpec spec, String event) {
        return runtime.invoke(spec, event.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(InvocationResult result) {
        try {
            return Json.MAPPER.readTree(result.payload());
        } catch (IOException e) {
            throw new AssertionError(result.payloadText(), e);
        }
    }

    @Test
    void commonJsCallbackHandlerGetsEventAndLambdaContext() {
        FunctionSpec spec = fn("cjs-context", Map.of("index.js", """
                exports.handler = function (event, context, callback) {
                  callback(null, {
                    event,
                    functionName: context.functionName,
                    functionVersion: context.functionVersion,
                    invokedFunctionArn: context.invokedFunctionArn,
                    memoryLimitInMB: context.memoryLimitInMB,
                    awsRequestId: context.awsRequestId,
                    logGroupName: context.logGroupName,
                    logStreamName: context.logStreamName,
                    remaining: context.getRemainingTimeInMillis(),
                    waits: context.callbackWaitsForEmptyEventLoop,
                    region: process.env.AWS_REGION,
                  });
                };
                """));
        InvocationResult result = invoke(spec, "{\"greeter\":\"me\"}");

        assertThat(result.failed()).as(result.payloadText()).isFalse();
        JsonNode body = json(result);
        assertThat(body.path("event").path("greeter").asText()).isEqualTo("me");
        assertThat(body.path("functionName").asText()).isEqualTo("cjs-context");
        assertThat(body.path("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(body.path("invokedFunctionArn").asText()).isEqualTo(ARN + "cjs-context");
        assertThat(body.path("memoryLimitInMB").asText()).isEqualTo("128");
        assertThat(body.path("awsRequestId").asText()).isEqualTo(result.requestId());
        assertThat(body.path("logGroupName").asText()).isEqualTo("/aws/lambda/cjs-context");
        assertThat(body.path("logStreamName").asText()).contains("[$LATEST]");
        assertThat(body.path("remaining").asLong()).isBetween(1L, 3000L);
        assertThat(body.path("waits").asBoolean()).isTrue();
        assertThat(body.path("region").asText()).isEqualTo("eu-west-1");
    }

    @Test
    void esModuleAsyncHandlerInMjs() {
        FunctionSpec spec = fn("esm-mjs", Map.of("index.mjs", """
                export const handler = async (event) => ({ hello: event.name });
                """));
        InvocationResult result = invoke(spec, "{\"name\":\"mjs\"}");
        assertThat(result.payloadText()).isEqualTo("{\"hello\":\"mjs\"}");
    }

    @Test
    void esModuleInJsWithTypeModuleAndHandlerInSubdirectory() {
        FunctionSpec spec = new FunctionSpec("esm-type", ARN + "esm-type", null, "nodejs20.x", "src/app.run",
                Duration.ofSeconds(3), 256, Map.of("GREETING", "hi"), TestZips.zip(Map.of(
                        "package.json", "{\"type\":\"module\"}",
                        "src/app.js", "export async function run(event, context) {\n"
                                + "  return process.env.GREETING + ' ' + context.memoryLimitInMB; }\n")));
        assertThat(invoke(spec, "{}").payloadText()).isEqualTo("\"hi 256\"");
    }

    @Test
    void promiseReturningNonAsyncHandler() {
        FunctionSpec spec = fn("promise", Map.of("index.js", """
                exports.handler = (event) => new Promise((resolve) => setTimeout(() => resolve(event.n * 2), 10));
                """));
        assertThat(invoke(spec, "{\"n\":21}").payloadText()).isEqualTo("42");
    }

    @Test
    void handlerWithoutResultAnswersNullOnceTheEventLoopIsEmpty() {
        FunctionSpec spec = fn("no-result", Map.of("index.js", """
                let ticks = 0;
                exports.handler = function (event, context) { setTimeout(() => { ticks++; console.log('tick', ticks); }, 30); };
                """));
        InvocationResult result = invoke(spec, "{}");
        assertThat(result.payloadText()).isEqualTo("null");
        assertThat(result.logs()).contains("INFO\ttick 1");
    }

    @Test
    void thrownAndCallbackErrorsAreFunctionErrorsWithLambdasShape() {
        FunctionSpec asyncThrow = fn("async-throw", Map.of("index.mjs", """
                export const handler = async () => { throw new TypeError('bad input'); };
                """));
        InvocationResult thrown = invoke(asyncThrow, "{}");
        assertThat(thrown.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(thrown);
        assertThat(error.path("errorType").asText()).isEqualTo("TypeError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("bad input");
        assertThat(error.path("trace").get(0).asText()).isEqualTo("TypeError: bad input");
        assertThat(thrown.errorMessage()).contains("bad input");

        FunctionSpec callbackError = fn("callback-error", Map.of("index.js", """
                exports.handler = (e, c, callback) => callback('plain string');
                """));
        InvocationResult result = invoke(callbackError, "{}");
        assertThat(result.failed()).isTrue();
        assertThat(json(result).path("errorType").asText()).isEqualTo("string");
        assertThat(json(result).path("errorMessage").asText()).isEqualTo("plain string");
    }

    @Test
    void consoleOutputIsLoggedAndCannotCorruptTheProtocol() {
        FunctionSpec spec = fn("noisy", Map.of("index.js", """
                exports.handler = async (event) => {
                  console.log('hello %s', 'log');
                  console.error('to stderr');
                  process.stdout.write('{"type":"result","id":"x","ok":true,"payload":"1"}\\n');
                  process.stderr.write('raw stderr\\n');
                  return 'real';
                };
                """));
        InvocationResult result = invoke(spec, "{}");
        assertThat(result.payloadText()).isEqualTo("\"real\"");
        assertThat(result.logs())
                .contains("START RequestId: " + result.requestId())
                .contains(result.requestId() + "\tINFO\thello log")
                .contains("ERROR\tto stderr")
                .contains("{\"type\":\"result\",\"id\":\"x\"")
                .contains("raw stderr")
                .contains("END RequestId: " + result.requestId())
                .contains("REPORT RequestId: " + result.requestId());
    }

    @Test
    void timeoutKillsTheProcessAnswersAsLambdaAndTheNextInvocationStartsFresh() {
        FunctionSpec spec = fn("sleepy", Duration.ofMillis(400), Map.of("index.js", """
                let invocations = 0;
                exports.handler = async (event) => {
                  invocations++;
                  if (event.hang) { await new Promise(() => setInterval(() => {}, 1000)); }
                  return invocations;
                };
                """));
        assertThat(invoke(spec, "{}").payloadText()).isEqualTo("1");

        InvocationResult timedOut = invoke(spec, "{\"hang\":true}");
        assertThat(timedOut.functionError()).isEqualTo("Unhandled");
        assertThat(json(timedOut).path("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(json(timedOut).path("errorMessage").asText())
                .isEqualTo("RequestId: " + timedOut.requestId() + " Error: Task timed out after 0.40 seconds");
        assertThat(timedOut.logs()).contains("Task timed out after 0.40 seconds");

        assertThat(invoke(spec, "{}").payloadText()).as("a fresh process: module state reset").isEqualTo("1");
    }

    @Test
    void processExitIsARuntimeExitErrorAndTheNextInvocationWorks() {
        FunctionSpec spec = fn("exits", Map.of("index.js", """
                exports.handler = async (event) => { if (event.exit) process.exit(3); return 'alive'; };
                """));
        InvocationResult crashed = invoke(spec, "{\"exit\":true}");
        assertThat(crashed.functionError()).isEqualTo("Unhandled");
        assertThat(json(crashed).path("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(json(crashed).path("errorMessage").asText())
                .isEqualTo("RequestId: " + crashed.requestId() + " Error: Runtime exited with error: exit status 3");
        assertThat(invoke(spec, "{}").payloadText()).isEqualTo("\"alive\"");
    }

    @Test
    void uncaughtExceptionAndUnhandledRejectionFailTheInvocation() {
        FunctionSpec spec = fn("uncaught", Map.of("index.js", """
                exports.handler = function (event, context, callback) {
                  if (event.reject) { Promise.reject(new Error('rejected')); return; }
                  setTimeout(() => { throw new RangeError('late failure'); }, 5);
                };
                """));
        InvocationResult uncaught = invoke(spec, "{}");
        assertThat(json(uncaught).path("errorType").asText()).isEqualTo("RangeError");
        assertThat(json(uncaught).path("errorMessage").asText()).isEqualTo("late failure");

        InvocationResult rejected = invoke(spec, "{\"reject\":true}");
        assertThat(json(rejected).path("errorType").asText()).isEqualTo("Runtime.UnhandledPromiseRejection");
        assertThat(json(rejected).path("errorMessage").asText()).isEqualTo("Error: rejected");
    }

    @Test
    void warmProcessIsReusedAndReplacedWhenTheCodeChanges() {
        String counter = "let n = 0; exports.handler = async () => `%s${++n}`;";
        FunctionSpec v1 = fn("warm", Map.of("index.js", counter.formatted("v1-")));
        assertThat(invoke(v1, "{}").payloadText()).isEqualTo("\"v1-1\"");
        assertThat(invoke(v1, "{}").payloadText()).isEqualTo("\"v1-2\"");
        assertThat(runtime.warmEnvironments(v1.functionArn())).isEqualTo(1);

        FunctionSpec v2 = fn("warm", Map.of("index.js", counter.formatted("v2-")));
        assertThat(invoke(v2, "{}").payloadText()).isEqualTo("\"v2-1\"");
        assertThat(runtime.warmEnvironments(v2.functionArn())).isEqualTo(1);

        runtime.evict(v2.functionArn());
        assertThat(runtime.warmEnvironments(v2.functionArn())).isZero();
    }

    @Test
    void concurrentInvocationsGetTheirOwnExecutionEnvironments() throws Exception {
        FunctionSpec spec = fn("parallel", Map.of("index.js", """
                exports.handler = async (event) => { await new Promise((r) => setTimeout(r, 150)); return event.i; };
                """));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<InvocationResult>>();
            for (int i = 0; i < 4; i++) {
                String event = "{\"i\":" + i + "}";
                futures.add(pool.submit(() -> invoke(spec, event)));
            }
            for (int i = 0; i < 4; i++) {
                assertThat(futures.get(i).get().payloadText()).isEqualTo(Integer.toString(i));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(runtime.warmEnvironments(spec.functionArn())).isBetween(1, 4);
    }

    @Test
    void initErrorsAnswerAsLambda() {
        InvocationResult noModule = invoke(FunctionSpec.node("no-module", ARN + "no-module", "missing.handler",
                Duration.ofSeconds(3), TestZips.zip(Map.of("index.js", "exports.handler = () => 1;"))), "{}");
        assertThat(json(noModule).path("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(json(noModule).path("errorMessage").asText()).isEqualTo("Error: Cannot find module 'missing'");

        InvocationResult noHandler = invoke(fn("no-handler", Map.of("index.js", "exports.other = () => 1;")), "{}");
        assertThat(json(noHandler).path("errorType").asText()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(json(noHandler).path("errorMessage").asText()).isEqualTo("index.handler is undefined or not exported");

        InvocationResult syntax = invoke(fn("syntax", Map.of("index.js", "exports.handler = ) =>;")), "{}");
        assertThat(json(syntax).path("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
    }

    @Test
    void missingNodeIsAClearError() {
        try (LambdaRuntime noNode = new LambdaRuntime(RuntimeOptions.defaults().withNodeCommand("/nonexistent/bin/node"))) {
            FunctionSpec spec = fn("no-node", Map.of("index.js", "exports.handler = async () => 1;"));
            assertThatThrownBy(() -> noNode.invoke(spec, new byte[0]))
                    .isInstanceOf(RuntimeUnavailableException.class)
                    .hasMessageContaining("/nonexistent/bin/node")
                    .hasMessageContaining(RuntimeOptions.NODE_PROPERTY);
        }
    }

    @Test
    void nonNodeRuntimesAreRefused() {
        FunctionSpec python = new FunctionSpec("py", ARN + "py", null, "python3.12", "app.handler", null, 0, null,
                TestZips.zip(Map.of("app.py", "def handler(e, c): return 1")));
        assertThatThrownBy(() -> runtime.invoke(python, new byte[0]))
                .isInstanceOf(RuntimeUnavailableException.class)
                .hasMessageContaining("python3.12");
    }
}
