package dev.greeting.emulator.apigateway;

import dev.greeting.emulator.http.Router;

/** API Gateway's REST management API (2015-07-09): state per region and the operations' routes. */
public final class ApiGatewayEmulator {

    public void register(Router router) {
        // TODO(helper): register every operation
    }

    public void reset() {
    }
}
