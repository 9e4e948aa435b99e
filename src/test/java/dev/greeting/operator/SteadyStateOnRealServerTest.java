package dev.greeting.operator;

/** {@link SteadyStateTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class SteadyStateOnRealServerTest extends SteadyStateTest {
}
