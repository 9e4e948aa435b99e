/**
 * The sandbox's in-process Kubernetes API server ({@link dev.greeting.sandbox.kube.KubeApiServer}).
 *
 * <p>Objects are kept by fabric8's CRUD mock store ({@code KubernetesCrudDispatcher}), called in
 * process: it gives uid, resourceVersion, generation, status-subresource writes, finalizer-aware
 * removal and watch events. A Vert.x HTTP front on 127.0.0.1 adds what the real {@code kubectl} and
 * the fabric8 client need and the mock lacks:
 * <ul>
 *   <li>discovery ({@code /version}, {@code /api}, {@code /apis}, group and group-version lists, and
 *       aggregated discovery v2) built from the built-in kinds and the CRDs in the store
 *       ({@link dev.greeting.sandbox.kube.Discovery});</li>
 *   <li>a minimal OpenAPI v3, so kubectl's default {@code --validate=strict} turns into server-side
 *       field validation ({@link dev.greeting.sandbox.kube.OpenApiV3});</li>
 *   <li>server-side Tables with the CRD's printer columns ({@link dev.greeting.sandbox.kube.TableConverter});</li>
 *   <li>watches as chunked JSON lines (kubectl) and as WebSocket frames (fabric8 informers), from a
 *       resourceVersion on ({@link dev.greeting.sandbox.kube.WatchSession});</li>
 *   <li>writes as kube-apiserver does them: patches (JSON, merge) applied here and retried on conflict,
 *       status writes with any query parameters, deletion that marks objects with finalizers, field
 *       selectors, Status errors ({@link dev.greeting.sandbox.kube.ApiHandler});</li>
 *   <li>admission of custom resources against the CRD's structural schema and CEL rules
 *       ({@link dev.greeting.sandbox.kube.admission.Admission}).</li>
 * </ul>
 */
package dev.greeting.sandbox.kube;
