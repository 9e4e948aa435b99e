package dev.greeting.operator;

/** {@link QuotaTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class QuotaOnRealServerTest extends QuotaTest {
}
