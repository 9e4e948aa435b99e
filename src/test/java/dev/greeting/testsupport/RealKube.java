package dev.greeting.testsupport;

import dev.greeting.sandbox.realkube.KubeBinaries;
import dev.greeting.sandbox.realkube.RealKubeApiServer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * envtest for JUnit 5: a real etcd + kube-apiserver ({@link RealKubeApiServer}) with the CRD from
 * {@code crds/} installed exactly as committed, shared by every test class of the run that uses
 * it and stopped when the run ends. The binaries are built by {@code test-infra/kube/build.sh} if
 * the cache lacks them; only where Go is missing do the tests skip, saying why.
 *
 * <pre>{@code
 * @ExtendWith(RealKube.class)
 * class SomethingOnTheRealServerTest {
 *     @Test void works(RealKubeApiServer server) { ... }
 * }
 * }</pre>
 */
public final class RealKube implements BeforeAllCallback, ParameterResolver {
    public static final Path CRD = Path.of("crds", "greetingapis.greeting.dev-v1.yml");
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RealKube.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    /** The run's server, started at first use; the test is skipped (not failed) only when Go is missing. */
    public static RealKubeApiServer server(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(Shared.class, k -> start(), Shared.class).server();
    }

    /** The built binaries; built now if missing; the calling test is skipped (not failed) only when Go is missing. */
    public static KubeBinaries binaries() {
        return KubeBinaries.find().orElseGet(() -> {
            Assumptions.assumeTrue(KubeBinaries.goInstalled(), "real kube-apiserver tests skipped: Go is not installed,"
                    + " so " + KubeBinaries.BUILD_SCRIPT + " cannot build kube-apiserver and etcd");
            System.out.println("building the real kube-apiserver and etcd (" + KubeBinaries.BUILD_SCRIPT + ")");
            return KubeBinaries.build(Path.of("."), Path.of("target", "real-kube", "build.log"));
        });
    }

    private static Shared start() {
        KubeBinaries binaries = binaries();
        Path workDir = Path.of("target", "real-kube", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS")));
        RealKubeApiServer server = RealKubeApiServer.start(binaries, workDir.toAbsolutePath());
        try {
            server.installCrds(CRD);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        System.out.println("real kube-apiserver " + KubeBinaries.KUBERNETES_VERSION + " (etcd " + KubeBinaries.ETCD_VERSION
                + ") at " + server.url() + ", ready in " + server.startupTime().toMillis() + " ms; logs in " + workDir);
        return new Shared(server);
    }

    /** Closed by JUnit when the root context closes, after the last test of the run. */
    private record Shared(RealKubeApiServer server) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealKubeApiServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }
}
