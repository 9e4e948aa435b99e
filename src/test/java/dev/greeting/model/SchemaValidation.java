package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import java.util.List;

/**
 * The OpenAPI part of admission: the CRD's openAPIV3Schema (an OpenAPI 3.0 schema object, so
 * {@code nullable} is understood; {@code x-kubernetes-*} keywords are left to the other steps)
 * applied with networknt's json-schema-validator, patterns in RE2.
 */
final class SchemaValidation {
    /** The structural-schema extensions, checked by {@link StructuralDefaulting} and {@link CelRules}, not here. */
    private static final List<String> KUBERNETES_EXTENSIONS = List.of("x-kubernetes-validations",
            "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string", "x-kubernetes-embedded-resource",
            "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type");

    private final Schema schema;

    SchemaValidation(JsonNode openApiV3Schema) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .regularExpressionFactory(new Re2RegularExpressions())
                .build();
        Dialect kubernetes = Dialect.builder("urn:greeting-operator:kubernetes-structural-schema", Dialects.getOpenApi30())
                .keywords(KUBERNETES_EXTENSIONS.stream().map(NonValidationKeyword::new).toList())
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(kubernetes, builder -> builder.schemaRegistryConfig(config));
        this.schema = registry.getSchema(openApiV3Schema);
    }

    List<Violation> validate(JsonNode object) {
        return schema.validate(object).stream().map(SchemaValidation::violation).toList();
    }

    private static Violation violation(Error error) {
        String field = fieldPath(error.getInstanceLocation());
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            field = field.isEmpty() ? error.getProperty() : field + "." + error.getProperty();
        }
        return new Violation(field, error.getKeyword());
    }

    /** spec.tags.team style, as the API server names fields in its errors. */
    private static String fieldPath(NodePath path) {
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(element);
            }
        }
        return field.toString();
    }
}
