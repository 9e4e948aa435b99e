package dev.greeting.emulator.lambda;

import dev.greeting.emulator.http.Router;

/** Lambda's API (2015-03-31): functions per region, their code and resource policies. */
public final class LambdaEmulator implements AutoCloseable {

    public void register(Router router) {
        // TODO(helper): register every operation
    }

    public void reset() {
    }

    @Override
    public void close() {
    }
}
