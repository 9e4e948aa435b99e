package dev.greeting.sandbox.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * Server-side printing: turns objects into a meta.k8s.io/v1 Table, the way kube-apiserver does for
 * {@code kubectl get}. A CRD's additionalPrinterColumns are JSONPath expressions evaluated on the
 * object ("date" columns rendered as ages like "5m"); kinds without columns get Name and Created At.
 */
final class TableConverter {
    private static final Configuration JSONPATH = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider()).mappingProvider(new JacksonMappingProvider())
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS).build();
    private static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating"
            + " resources, although some resources may allow a client to request the generation of an appropriate"
            + " name automatically. Name is primarily intended for creation idempotence and configuration definition."
            + " Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    private final ResourceType type;
    private final Clock clock;

    TableConverter(ResourceType type, Clock clock) {
        this.type = type;
        this.clock = clock;
    }

    /** Whether an Accept header asks for a Table (kubectl get sends "application/json;as=Table;v=v1;g=meta.k8s.io,..."). */
    static boolean wanted(String accept) {
        return accept != null && accept.replace(" ", "").contains("as=Table;v=v1;g=meta.k8s.io");
    }

    static final String CONTENT_TYPE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    ObjectNode table(List<JsonNode> objects, String resourceVersion, String includeObject) {
        ObjectNode table = KubeJson.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ArrayNode definitions = table.putArray("columnDefinitions");
        definitions.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", NAME_DESCRIPTION).put("priority", 0);
        for (JsonNode column : columns()) {
            definitions.addObject().put("name", column.path("name").asText())
                    .put("type", column.path("type").asText("string"))
                    .put("format", column.path("format").asText(""))
                    .put("description", column.path("description").asText(""))
                    .put("priority", column.path("priority").asInt(0));
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(object.path("metadata").path("name").asText());
            for (JsonNode column : columns()) {
                cells.add(cell(object, column));
            }
            String include = includeObject == null ? "Metadata" : includeObject;
            if (include.equals("Object")) {
                row.set("object", object);
            } else if (include.equals("Metadata")) {
                ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
                        .put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", object.path("metadata").deepCopy());
            }
        }
        return table;
    }

    /** The CRD's printer columns, or kube-apiserver's default "Created At" for kinds without any. */
    private List<JsonNode> columns() {
        JsonNode printer = type.printerColumns();
        if (printer != null && printer.isArray() && !printer.isEmpty()) {
            return iterate(printer);
        }
        ObjectNode created = KubeJson.object().put("name", type.custom() ? "Age" : "Created At")
                .put("type", "date").put("jsonPath", ".metadata.creationTimestamp")
                .put("description", "CreationTimestamp is a timestamp representing the server time when this"
                        + " object was created.");
        if (!type.custom()) {
            created.put("format", "created-at");
        }
        return List.of(created);
    }

    private JsonNode cell(JsonNode object, JsonNode column) {
        JsonNode value = evaluate(object, column.path("jsonPath").asText());
        if (value == null || value.isNull()) {
            return KubeJson.MAPPER.nullNode();
        }
        String columnType = column.path("type").asText("string");
        if (columnType.equals("date")) {
            if ("created-at".equals(column.path("format").asText())) {
                return value;
            }
            return KubeJson.MAPPER.getNodeFactory().textNode(age(value.asText()));
        }
        if (columnType.equals("string") && !value.isTextual()) {
            return KubeJson.MAPPER.getNodeFactory().textNode(value.isValueNode() ? value.asText() : value.toString());
        }
        return value;
    }

    /** Kubernetes JSONPath (".status.conditions[?(@.type==\"Ready\")].status") has the first result shown. */
    static JsonNode evaluate(JsonNode object, String expression) {
        String path = expression.trim();
        if (path.startsWith("{") && path.endsWith("}")) {
            path = path.substring(1, path.length() - 1);
        }
        path = path.startsWith("$") ? path : "$" + (path.startsWith(".") || path.startsWith("[") ? "" : ".") + path;
        try {
            JsonNode results = JsonPath.using(JSONPATH).parse(object).read(path);
            return results != null && results.isArray() && !results.isEmpty() ? results.get(0) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String age(String timestamp) {
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp), clock.instant()));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    /** k8s.io/apimachinery/pkg/util/duration.HumanDuration. */
    static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return String.format(Locale.ROOT, "%dy", hours / 24 / 365);
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
