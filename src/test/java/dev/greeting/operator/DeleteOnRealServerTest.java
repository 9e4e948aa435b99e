package dev.greeting.operator;

/** {@link DeleteTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class DeleteOnRealServerTest extends DeleteTest {
}
