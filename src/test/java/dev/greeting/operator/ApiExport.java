package dev.greeting.operator;

import dev.greeting.reconcile.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.RestApi;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * What AWS holds for one GreetingApi, normalised so that two runs compare equal: the resource's
 * name, UID and API id become placeholders. Resources, the GET method, its integration (with the
 * template), the stages with the configuration their deployment records, how many deployments
 * there are, and this resource's permission statements on each function.
 */
record ApiExport(int apisWithUid, int deployments, int stages, int resources, int statements, String text) {

    static ApiExport of(ApiGatewayClient apigw, LambdaClient lambda, String name, String uid, List<String> functions) {
        List<RestApi> apis = apigw.getRestApis(b -> b.limit(500)).items().stream()
                .filter(a -> a.tags() != null && uid.equals(a.tags().get(DesiredState.UID_TAG))).toList();
        Map<String, Object> out = new TreeMap<>();
        String apiId = apis.isEmpty() ? null : apis.get(0).id();
        if (apiId != null) {
            RestApi api = apis.get(0);
            out.put("name", api.name());
            out.put("tags", new TreeMap<>(api.tags()));
            Map<String, Object> resources = new TreeMap<>();
            for (var r : apigw.getResources(b -> b.restApiId(apiId).embed("methods")).items()) {
                Map<String, Object> m = new TreeMap<>();
                var get = r.resourceMethods() == null ? null : r.resourceMethods().get("GET");
                if (get != null) {
                    m.put("auth", get.authorizationType());
                    m.put("parameters", new TreeMap<>(get.requestParameters()));
                    m.put("validator", get.requestValidatorId() != null);
                    m.put("responses", new TreeMap<>(get.methodResponses()).keySet());
                    var i = get.methodIntegration();
                    if (i != null) {
                        Map<String, String> responses = new TreeMap<>();
                        i.integrationResponses().forEach((k, v) -> responses.put(k, String.valueOf(v.selectionPattern())));
                        m.put("integration", List.of(i.typeAsString(), i.httpMethod(), i.uri(), String.valueOf(i.credentials()),
                                new TreeMap<>(i.requestTemplates()), responses));
                    }
                }
                resources.put(r.path(), m);
            }
            out.put("resources", resources);
            Map<String, String> stages = new TreeMap<>();
            for (var s : apigw.getStages(b -> b.restApiId(apiId)).item()) {
                stages.put(s.stageName(), apigw.getDeployment(b -> b.restApiId(apiId).deploymentId(s.deploymentId())).description());
            }
            out.put("stages", stages);
            out.put("deployments", apigw.getDeployments(b -> b.restApiId(apiId).limit(500)).items().size());
        }
        String sid = DesiredState.statementIdFor(uid);
        Map<String, List<String>> statements = new TreeMap<>();
        for (String f : functions) {
            List<String> mine = new ArrayList<>();
            try {
                String policy = lambda.getPolicy(b -> b.functionName(f)).policy();
                for (String part : policy.split("\\{\"Sid\"")) {
                    if (part.contains("\"" + sid + "\"")) {
                        mine.add(part.replaceAll("\"Resource\":\"[^\"]*\"", ""));
                    }
                }
            } catch (ResourceNotFoundException none) {
                // no policy: no statement
            }
            statements.put(f.substring(f.lastIndexOf(':') + 1), mine);
        }
        out.put("statements", statements);
        int deployments = apiId == null ? 0 : (Integer) out.get("deployments");
        int stageCount = apiId == null ? 0 : ((Map<?, ?>) out.get("stages")).size();
        int resourceCount = apiId == null ? 0 : ((Map<?, ?>) out.get("resources")).size();
        int statementCount = statements.values().stream().mapToInt(List::size).sum();
        String text = out.toString().replace(uid, "{uid}").replace(name, "{name}");
        return new ApiExport(apis.size(), deployments, stageCount, resourceCount, statementCount, apiId == null ? text : text.replace(apiId, "{api}"));
    }

    /** What is left that the uncrashed run does not have: deployments, stages, resources, statements. */
    int orphansAgainst(ApiExport reference) {
        return Math.max(0, deployments - reference.deployments)
                + Math.max(0, stages - reference.stages) + Math.max(0, resources - reference.resources)
                + Math.max(0, statements - reference.statements);
    }
}
