package dev.greeting.operator;

/** {@link AdoptExistingApiTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class AdoptExistingApiOnRealServerTest extends AdoptExistingApiTest {
}
