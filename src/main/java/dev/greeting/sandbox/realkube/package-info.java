/**
 * The real Kubernetes test bed: etcd and kube-apiserver built from the Go module proxy
 * ({@code test-infra/kube/build.sh}), started on loopback for the tests and for
 * {@code sandbox --kube real}. The embedded {@code sandbox.kube} server must agree with it.
 */
package dev.greeting.sandbox.realkube;
