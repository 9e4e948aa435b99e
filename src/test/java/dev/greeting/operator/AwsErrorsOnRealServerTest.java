package dev.greeting.operator;

/** {@link AwsErrorsTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class AwsErrorsOnRealServerTest extends AwsErrorsTest {
}
