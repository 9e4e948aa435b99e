package dev.greeting.operator;

/** {@link DriftTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class DriftOnRealServerTest extends DriftTest {
}
