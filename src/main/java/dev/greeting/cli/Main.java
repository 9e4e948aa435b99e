package dev.greeting.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one jar's entry point: {@code run}, {@code plan}, {@code sandbox}, {@code emulator}, {@code bench}, {@code class-archive}. */
@Command(name = "greeting-operator", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps an Amazon API Gateway REST API in front of a Lambda function for each GreetingApi resource.",
        subcommands = {RunCommand.class, PlanCommand.class, SandboxCommand.class, EmulatorCommand.class, BenchCommand.class,
                ClassArchiveCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
