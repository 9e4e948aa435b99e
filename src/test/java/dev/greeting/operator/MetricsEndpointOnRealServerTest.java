package dev.greeting.operator;

/** {@link MetricsEndpointTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class MetricsEndpointOnRealServerTest extends MetricsEndpointTest {
}
