package dev.greeting.operator;

/** {@link RegionChangeTest}'s scenario on the real kube-apiserver. */
@OnRealServer
class RegionChangeOnRealServerTest extends RegionChangeTest {
}
