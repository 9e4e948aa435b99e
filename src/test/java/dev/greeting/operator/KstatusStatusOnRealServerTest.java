package dev.greeting.operator;

/** {@link KstatusStatusTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class KstatusStatusOnRealServerTest extends KstatusStatusTest {
}
