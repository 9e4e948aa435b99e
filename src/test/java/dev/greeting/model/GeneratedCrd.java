package dev.greeting.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The CRD the build generated from the model (target/classes/META-INF/fabric8/), which the
 * build has already checked to be identical to the committed crds/ copy.
 */
final class GeneratedCrd {
    static final String RESOURCE = "META-INF/fabric8/" + GreetingApi.CRD_NAME + "-v1.yml";
    static final YAMLMapper YAML = new YAMLMapper();

    private GeneratedCrd() {
    }

    static JsonNode crd() {
        try (InputStream in = GeneratedCrd.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test classpath: run the build (process-classes) first");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The only version's openAPIV3Schema. */
    static JsonNode openApiV3Schema() {
        JsonNode versions = crd().path("spec").path("versions");
        if (versions.size() != 1) {
            throw new IllegalStateException("expected one CRD version, found " + versions.size());
        }
        return versions.get(0).path("schema").path("openAPIV3Schema");
    }
}
