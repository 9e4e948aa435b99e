package dev.greeting.operator;

/** {@link EventsTest}'s scenarios on the real kube-apiserver. */
@OnRealServer
class EventsOnRealServerTest extends EventsTest {
}
