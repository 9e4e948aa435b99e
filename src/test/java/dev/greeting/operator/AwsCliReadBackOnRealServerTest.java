package dev.greeting.operator;

/** {@link AwsCliReadBackTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class AwsCliReadBackOnRealServerTest extends AwsCliReadBackTest {
}
