package dev.greeting.emulator.control;

import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.ApiResponse;
import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Router;
import dev.greeting.emulator.http.Service;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The control API of {@link CrashPoints} under {@code /_emulator/crash}: {@code PUT {"afterWrite":k}}
 * arms (0: log only), {@code DELETE} releases, {@code GET} shows the write log. Kept apart from
 * {@link ControlApi} so fault injection and crash points evolve independently.
 */
public final class CrashControl {
    private final CrashPoints crashes;

    public CrashControl(CrashPoints crashes) {
        this.crashes = crashes;
    }

    public void register(Router router) {
        router.add(Service.CONTROL, "Control.GetCrash", "GET", ControlApi.PREFIX + "/crash", r -> state())
                .add(Service.CONTROL, "Control.PutCrash", "PUT", ControlApi.PREFIX + "/crash", this::arm)
                .add(Service.CONTROL, "Control.ReleaseCrash", "DELETE", ControlApi.PREFIX + "/crash", r -> release());
    }

    private ApiResponse arm(ApiRequest request) {
        try {
            crashes.arm(request.json().path("afterWrite").asInt(0));
        } catch (IllegalArgumentException e) {
            throw AwsException.badRequest(e.getMessage());
        }
        return state();
    }

    private ApiResponse release() {
        crashes.release();
        return state();
    }

    private ApiResponse state() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("afterWrite", crashes.armedAt());
        body.put("writes", crashes.writes());
        return ApiResponse.json(200, body);
    }
}
