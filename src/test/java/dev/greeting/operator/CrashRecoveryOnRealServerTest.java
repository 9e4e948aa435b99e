package dev.greeting.operator;

/** {@link CrashRecoveryTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class CrashRecoveryOnRealServerTest extends CrashRecoveryTest {
}
