package dev.greeting.emulator.apigateway.model;

import java.util.List;

/** Where a REST API is served: one endpoint type (EDGE, REGIONAL or PRIVATE) and its IP address type. */
public record EndpointConfiguration(List<String> types, String ipAddressType, List<String> vpcEndpointIds) {
    public EndpointConfiguration {
        types = Immutable.list(types);
        vpcEndpointIds = Immutable.list(vpcEndpointIds);
    }
}
