package dev.greeting.operator;

/** {@link CreateTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class CreateOnRealServerTest extends CreateTest {
}
