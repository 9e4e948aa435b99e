package dev.greeting.aws;

import java.util.function.Function;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** An SDK call on the right regional client, through the shared scheduler. */
final class AwsCalls {
    private final AwsClients clients;
    private final CallScheduler scheduler;

    AwsCalls(AwsClients clients, CallScheduler scheduler) {
        this.clients = clients;
        this.scheduler = scheduler;
    }

    <T> T apiGateway(String region, String operation, Function<ApiGatewayClient, T> call) {
        return scheduler.call(AwsService.API_GATEWAY, region, operation, () -> call.apply(clients.apiGateway(region)));
    }

    <T> T lambda(String region, String operation, Function<LambdaClient, T> call) {
        return scheduler.call(AwsService.LAMBDA, region, operation, () -> call.apply(clients.lambda(region)));
    }

    /** The same, where AWS saying "not found" means there is nothing to do. */
    boolean apiGatewayUnlessGone(String region, String operation, Function<ApiGatewayClient, ?> call) {
        try {
            apiGateway(region, operation, call);
            return true;
        } catch (AwsFailure f) {
            if (f.is(ErrorClassifier.NOT_FOUND)) {
                return false;
            }
            throw f;
        }
    }
}
