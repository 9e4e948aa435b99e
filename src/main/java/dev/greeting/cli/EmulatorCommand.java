package dev.greeting.cli;

import dev.greeting.emulator.Emulator;
import dev.greeting.emulator.EmulatorOptions;
import dev.greeting.emulator.control.FaultConfig;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code emulator}: the AWS emulator alone, until interrupted. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = "Serve API Gateway's and Lambda's APIs (an AWS emulator for tests and local use).")
public final class EmulatorCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "4566", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--quotas", defaultValue = "none",
            description = "Management-API rate limits: none, or aws (AWS's published quotas) (default: ${DEFAULT-VALUE}).")
    String quotas;

    @Option(names = "--time-scale", defaultValue = "1",
            description = "Run quota time this many times faster, e.g. 100 (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--fault-error-rate", defaultValue = "0", description = "Share of management calls answered 5xx (0..1).")
    double errorRate;

    @Option(names = "--fault-throttle-rate", defaultValue = "0", description = "Share of management calls answered 429 (0..1).")
    double throttleRate;

    @Option(names = "--fault-applied-error-rate", defaultValue = "0",
            description = "Share of management calls applied, then answered 5xx (the answer lost) (0..1).")
    double appliedErrorRate;

    @Option(names = "--fault-applied-drop-rate", defaultValue = "0",
            description = "Share of management calls applied, then the connection closed unanswered, as on a timeout (0..1).")
    double appliedDropRate;

    @Option(names = "--fault-latency-ms", defaultValue = "0", description = "Latency added to a management call.")
    long latencyMillis;

    @Option(names = "--fault-latency-rate", defaultValue = "1",
            description = "Share of management calls delayed by --fault-latency-ms (default: ${DEFAULT-VALUE}, all).")
    double latencyRate;

    @Option(names = "--fault-seed", defaultValue = "0", description = "Seed of the fault draws, so a run can be repeated.")
    long seed;

    @Option(names = "--fault-operations", split = ",", description = "Limit faults to these operations (default: all).")
    List<String> faultOperations = List.of();

    @Override
    public Integer call() throws InterruptedException {
        FaultConfig faults = new FaultConfig(errorRate, throttleRate, latencyMillis, seed, new HashSet<>(faultOperations),
                appliedErrorRate, appliedDropRate, latencyRate);
        EmulatorOptions options = new EmulatorOptions(host, port, quotas, timeScale, faults);
        Emulator emulator = Emulator.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "emulator-shutdown"));
        System.out.println("AWS emulator (API Gateway, Lambda) listening on " + emulator.endpoint());
        System.out.println("  quotas: " + quotas + (timeScale != 1 ? " at time scale " + timeScale : "")
                + "; admin API: " + emulator.endpoint() + "/_emulator/counters");
        System.out.println("  try: aws --endpoint-url " + emulator.endpoint() + " apigateway get-rest-apis");
        stopped.await();
        return 0;
    }
}
