package dev.greeting.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.greeting.emulator.http.AwsException;
import dev.greeting.emulator.http.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private final Faults faults = new Faults();

    private List<Integer> draws(Service service, String operation, int n) {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(faults.draw(service, operation, 1_000_000_000L).map(AwsException::status).orElse(200));
        }
        return statuses;
    }

    @Test
    void noFaultsByDefault() {
        assertThat(draws(Service.APIGATEWAY, "CreateRestApi", 100)).containsOnly(200);
        assertThat(faults.latencyMillis("CreateRestApi")).isZero();
    }

    @Test
    void theSameSeedDrawsTheSameFaults() {
        FaultConfig config = new FaultConfig(0.3, 0.3, 0, 42, Set.of());
        faults.configure(config);
        List<Integer> first = draws(Service.APIGATEWAY, "GetRestApi", 60);
        faults.configure(config);
        List<Integer> second = draws(Service.APIGATEWAY, "GetRestApi", 60);
        faults.configure(new FaultConfig(0.3, 0.3, 0, 43, Set.of()));
        List<Integer> otherSeed = draws(Service.APIGATEWAY, "GetRestApi", 60);

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(200, 503, 429);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void faultsHitOnlyTheListedOperationsAndOthersDoNotShiftTheSequence() {
        FaultConfig config = new FaultConfig(0.5, 0.5, 25, 7, Set.of("CreateDeployment"));
        faults.configure(config);
        List<Integer> alone = draws(Service.APIGATEWAY, "CreateDeployment", 20);

        faults.configure(config);
        List<Integer> interleaved = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            assertThat(draws(Service.APIGATEWAY, "GetRestApi", 3)).containsOnly(200);
            interleaved.addAll(draws(Service.APIGATEWAY, "CreateDeployment", 1));
        }

        assertThat(alone).doesNotContain(200);
        assertThat(interleaved).isEqualTo(alone);
        assertThat(faults.latencyMillis("CreateDeployment")).isEqualTo(25);
        assertThat(faults.latencyMillis("GetRestApi")).isZero();
    }

    @Test
    void faultsTakeEachServicesShape() {
        faults.configure(new FaultConfig(1, 0, 0, 1, Set.of()));
        AwsException apiGateway = faults.draw(Service.APIGATEWAY, "GetRestApi", 0).orElseThrow();
        AwsException lambda = faults.draw(Service.LAMBDA, "GetFunction", 0).orElseThrow();
        assertThat(apiGateway.status()).isEqualTo(503);
        assertThat(apiGateway.errorType()).isEqualTo("ServiceUnavailableException");
        assertThat(lambda.status()).isEqualTo(500);
        assertThat(lambda.errorType()).isEqualTo("ServiceException");

        faults.configure(new FaultConfig(0, 1, 0, 1, Set.of()));
        Optional<AwsException> throttled = faults.draw(Service.LAMBDA, "GetFunction", 10_000_000L);
        assertThat(throttled).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.errorType()).isEqualTo("TooManyRequestsException");
            assertThat(e.headers()).containsEntry("Retry-After", "0.010");
        });
    }

    @Test
    void rejectsRatesThatCannotBeProbabilities() {
        assertThatThrownBy(() -> new FaultConfig(0.6, 0.5, 0, 1, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultConfig(-0.1, 0, 0, 1, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultConfig(0, 0, -1, 1, Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FaultConfig(0, 0, 0, 1, null).operations()).isEmpty();
    }
}
