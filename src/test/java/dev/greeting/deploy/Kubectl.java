package dev.greeting.deploy;

import java.nio.file.Path;

/** kubectl as CI has it: /usr/bin/kubectl (Debian/Google package `kubectl`), or on PATH. */
final class Kubectl {
    private Kubectl() {}

    static ExternalTool require() {
        return ExternalTool.require("kubectl", "kubectl", "/usr/bin/kubectl");
    }

    /** `kubectl kustomize DIR`: the YAML stream kubectl apply -k would send. */
    static String kustomize(ExternalTool kubectl, Path dir) {
        return kubectl.run("kustomize", dir.toString()).successOutput();
    }
}
