package dev.greeting.emulator.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.BadRequestException;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.GetResourcesResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Resource;

class ResourceOperationsTest extends ApiGatewayTestSupport {
    private static final String BAD_PATH_PART = "Resource's path part only allow a-zA-Z0-9._- and curly braces at the "
            + "beginning and the end and an optional plus sign before the closing brace.";

    @Test
    void createResourceBuildsPathsUnderTheParent() {
        String apiId = createApi("tree");
        String root = rootId(apiId);
        var v1 = apigw.createResource(b -> b.restApiId(apiId).parentId(root).pathPart("v1"));
        var greeting = apigw.createResource(b -> b.restApiId(apiId).parentId(v1.id()).pathPart("greeting"));
        var proxy = apigw.createResource(b -> b.restApiId(apiId).parentId(v1.id()).pathPart("{proxy+}"));
        var param = apigw.createResource(b -> b.restApiId(apiId).parentId(greeting.id()).pathPart("{name}"));

        assertThat(v1.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(v1.id()).matches("[a-z0-9]{6}");
        assertThat(greeting.path()).isEqualTo("/v1/greeting");
        assertThat(greeting.parentId()).isEqualTo(v1.id());
        assertThat(greeting.pathPart()).isEqualTo("greeting");
        assertThat(proxy.path()).isEqualTo("/v1/{proxy+}");
        assertThat(param.path()).isEqualTo("/v1/greeting/{name}");
        assertThat(apigw.getResources(b -> b.restApiId(apiId)).items()).extracting(Resource::path)
                .containsExactly("/", "/v1", "/v1/greeting", "/v1/greeting/{name}", "/v1/{proxy+}");
        var got = apigw.getResource(b -> b.restApiId(apiId).resourceId(greeting.id()));
        assertThat(got.path()).isEqualTo("/v1/greeting");
        assertThat(got.hasResourceMethods()).isFalse();
    }

    @Test
    void invalidPathPartsAreBadRequests() {
        String apiId = createApi("bad-parts");
        String root = rootId(apiId);
        for (String bad : List.of("a b", "a/b", "{open", "x{y}", "{a}+", "{+}", "")) {
            assertAwsError(() -> createResource(apiId, root, bad), BadRequestException.class, 400, BAD_PATH_PART);
        }
        String greedy = createResource(apiId, root, "{proxy+}");
        assertAwsError(() -> createResource(apiId, greedy, "child"), BadRequestException.class, 400,
                "Cannot create a child of a resource with a greedy path variable: {proxy+}");
        assertThat(createResource(apiId, root, "a-b_c.d~e")).isNotBlank();
    }

    @Test
    void aSiblingWithTheSamePathPartIsAConflict() {
        String apiId = createApi("siblings");
        String root = rootId(apiId);
        createResource(apiId, root, "greeting");
        assertAwsError(() -> createResource(apiId, root, "greeting"), ConflictException.class, 409,
                "Another resource with the same parent already has this name: greeting");
        createResource(apiId, root, "{id}");
        assertAwsError(() -> createResource(apiId, root, "{other}"), BadRequestException.class, 400,
                "A sibling ({id}) of this resource already has a variable path part -- only one is allowed");
    }

    @Test
    void unknownParentOrResourceIsNotFound() {
        String apiId = createApi("missing");
        assertAwsError(() -> createResource(apiId, "nope00", "x"), NotFoundException.class, 404,
                "Invalid Resource identifier specified");
        assertAwsError(() -> apigw.getResource(b -> b.restApiId(apiId).resourceId("nope00")), NotFoundException.class, 404,
                "Invalid Resource identifier specified");
        assertAwsError(() -> apigw.getResource(b -> b.restApiId("nonexistent").resourceId("nope00")),
                NotFoundException.class, 404, "Invalid Resource identifier specified");
    }

    @Test
    void updateResourceRenamesAndMovesWithItsDescendants() {
        String apiId = createApi("moves");
        String root = rootId(apiId);
        String pets = createResource(apiId, root, "pets");
        String dogs = createResource(apiId, pets, "dogs");
        String toys = createResource(apiId, dogs, "toys");

        var renamed = apigw.updateResource(b -> b.restApiId(apiId).resourceId(pets).patchOperations(replace("/pathPart", "animals")));
        assertThat(renamed.path()).isEqualTo("/animals");
        assertThat(apigw.getResource(b -> b.restApiId(apiId).resourceId(toys)).path()).isEqualTo("/animals/dogs/toys");

        var moved = apigw.updateResource(b -> b.restApiId(apiId).resourceId(dogs).patchOperations(replace("/parentId", root)));
        assertThat(moved.path()).isEqualTo("/dogs");
        assertThat(moved.parentId()).isEqualTo(root);
        assertThat(apigw.getResource(b -> b.restApiId(apiId).resourceId(toys)).path()).isEqualTo("/dogs/toys");

        assertAwsError(() -> apigw.updateResource(b -> b.restApiId(apiId).resourceId(dogs).patchOperations(replace("/parentId", toys))),
                BadRequestException.class, 400, "Resources cannot be cyclical.");
        assertAwsError(() -> apigw.updateResource(b -> b.restApiId(apiId).resourceId(dogs).patchOperations(replace("/pathPart", "animals"))),
                ConflictException.class, 409, "Another resource with the same parent already has this name: animals");
        assertAwsError(() -> apigw.updateResource(b -> b.restApiId(apiId).resourceId(dogs).patchOperations(replace("/path", "/x"))),
                BadRequestException.class, 400,
                "Invalid patch path  '/path' specified for op 'replace'. Must be one of: [/parentId, /pathPart]");
        assertAwsError(() -> apigw.updateResource(b -> b.restApiId(apiId).resourceId(root).patchOperations(replace("/pathPart", "x"))),
                BadRequestException.class, 400, "Root resource cannot update its pathPart.");
    }

    @Test
    void deleteResourceDeletesItsDescendantsButNeverTheRoot() {
        String apiId = createApi("deletes");
        String root = rootId(apiId);
        String a = createResource(apiId, root, "a");
        String b = createResource(apiId, a, "b");
        String keep = createResource(apiId, root, "keep");

        var response = apigw.deleteResource(r -> r.restApiId(apiId).resourceId(a));
        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertAwsError(() -> apigw.getResource(r -> r.restApiId(apiId).resourceId(b)), NotFoundException.class, 404,
                "Invalid Resource identifier specified");
        assertThat(apigw.getResources(r -> r.restApiId(apiId)).items()).extracting(Resource::id).containsExactly(root, keep);
        assertAwsErrorCode(() -> apigw.deleteResource(r -> r.restApiId(apiId).resourceId(root)), "BadRequestException", 400);
    }

    @Test
    void getResourcesPagesByPosition() {
        String apiId = createApi("many");
        String root = rootId(apiId);
        for (int i = 0; i < 11; i++) {
            createResource(apiId, root, "r" + (char) ('a' + i));
        }
        List<String> paths = new ArrayList<>();
        String position = null;
        int pages = 0;
        do {
            String from = position;
            GetResourcesResponse page = apigw.getResources(b -> b.restApiId(apiId).limit(5).position(from));
            page.items().forEach(r -> paths.add(r.path()));
            position = page.position();
            pages++;
        } while (position != null);
        assertThat(pages).isEqualTo(3);
        assertThat(paths).hasSize(12).doesNotHaveDuplicates().startsWith("/", "/ra");
        assertThat(apigw.getResources(b -> b.restApiId(apiId)).items()).hasSize(12);
    }

    @Test
    void embedMethodsReturnsWholeMethodsOtherwiseOnlyTheirNames() {
        String apiId = createApi("embed");
        String greeting = createResource(apiId, rootId(apiId), "greeting");
        createLambdaGet(apiId, greeting);

        Resource plain = find(apigw.getResources(b -> b.restApiId(apiId)), greeting);
        assertThat(plain.resourceMethods()).containsOnlyKeys("GET");
        assertThat(plain.resourceMethods().get("GET").httpMethod()).isNull();
        assertThat(plain.resourceMethods().get("GET").methodIntegration()).isNull();

        Resource embedded = find(apigw.getResources(b -> b.restApiId(apiId).embed("methods")), greeting);
        var get = embedded.resourceMethods().get("GET");
        assertThat(get.httpMethod()).isEqualTo("GET");
        assertThat(get.authorizationType()).isEqualTo("NONE");
        assertThat(get.requestParameters()).containsExactly(Map.entry("method.request.querystring.greeter", false));
        assertThat(get.methodResponses()).containsOnlyKeys("200");
        assertThat(get.methodIntegration().uri()).isEqualTo(LAMBDA_URI);
        assertThat(get.methodIntegration().integrationResponses().get("200").selectionPattern()).isEmpty();

        var single = apigw.getResource(b -> b.restApiId(apiId).resourceId(greeting).embed("methods"));
        assertThat(single.resourceMethods().get("GET").methodIntegration().httpMethod()).isEqualTo("POST");
        assertThat(apigw.getResource(b -> b.restApiId(apiId).resourceId(greeting)).resourceMethods().get("GET").httpMethod())
                .isNull();
    }

    @Test
    void concurrentCreateResourceLetsExactlyOneWinPerPathPart() throws Exception {
        String apiId = createApi("race");
        String root = rootId(apiId);
        List<String> parts = List.of("alpha", "beta", "gamma", "delta");
        int threads = 8;
        Map<String, AtomicInteger> wins = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Void> task = () -> {
                    start.await();
                    for (String part : parts) {
                        try {
                            createResource(apiId, root, part);
                            wins.computeIfAbsent(part, p -> new AtomicInteger()).incrementAndGet();
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wins).hasSize(parts.size());
        wins.values().forEach(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(conflicts.get()).isEqualTo(parts.size() * (threads - 1));
        assertThat(apigw.getResources(b -> b.restApiId(apiId)).items()).hasSize(parts.size() + 1);
    }

    private static Resource find(GetResourcesResponse response, String id) {
        return response.items().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
