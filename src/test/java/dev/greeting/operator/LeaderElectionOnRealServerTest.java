package dev.greeting.operator;

/** {@link LeaderElectionTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class LeaderElectionOnRealServerTest extends LeaderElectionTest {
}
