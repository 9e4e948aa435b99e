package dev.greeting.operator;

/** {@link SpecChangeTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class SpecChangeOnRealServerTest extends SpecChangeTest {
}
