package dev.greeting.emulator.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The passthrough table of AWS's developer guide, and response template choice. */
class TemplateSelectionTest {
    private static final Map<String, String> JSON_TEMPLATE = Map.of("application/json", "{\"a\":1}");

    @Test
    void aMatchingTemplateIsRenderedWhateverThePassthroughBehavior() {
        for (String behavior : new String[] {"WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER", null}) {
            assertThat(TemplateSelection.forRequest(JSON_TEMPLATE, behavior, null).template()).contains("{\"a\":1}");
            assertThat(TemplateSelection.forRequest(JSON_TEMPLATE, behavior, "application/json; charset=UTF-8").template())
                    .contains("{\"a\":1}");
            assertThat(TemplateSelection.forRequest(JSON_TEMPLATE, behavior, "Application/JSON").template())
                    .contains("{\"a\":1}");
        }
    }

    @Test
    void unmatchedContentType() {
        assertThat(TemplateSelection.forRequest(JSON_TEMPLATE, "WHEN_NO_MATCH", "application/xml"))
                .isEqualTo(TemplateSelection.Request.passthrough());
        assertThat(TemplateSelection.forRequest(JSON_TEMPLATE, "WHEN_NO_TEMPLATES", "application/xml").unsupportedMediaType())
                .isTrue();
        assertThat(TemplateSelection.forRequest(JSON_TEMPLATE, "NEVER", "application/xml").unsupportedMediaType()).isTrue();
    }

    @Test
    void noTemplatesAtAll() {
        assertThat(TemplateSelection.forRequest(Map.of(), "WHEN_NO_MATCH", "application/xml"))
                .isEqualTo(TemplateSelection.Request.passthrough());
        assertThat(TemplateSelection.forRequest(null, "WHEN_NO_TEMPLATES", "application/json"))
                .isEqualTo(TemplateSelection.Request.passthrough());
        assertThat(TemplateSelection.forRequest(Map.of(), "NEVER", "application/json").unsupportedMediaType()).isTrue();
    }

    @Test
    void responseTemplateByAcceptThenJsonThenFirst() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("application/xml", "<x/>");
        templates.put("application/json", "{}");
        assertThat(TemplateSelection.forResponse(templates, "application/xml")).contains("<x/>");
        assertThat(TemplateSelection.forResponse(templates, "text/html, application/xml;q=0.9")).contains("<x/>");
        assertThat(TemplateSelection.forResponse(templates, "*/*")).contains("{}");
        assertThat(TemplateSelection.forResponse(templates, null)).contains("{}");
        assertThat(TemplateSelection.forResponse(Map.of("text/plain", "t"), null)).contains("t");
        Map<String, String> passthrough = new LinkedHashMap<>();
        passthrough.put("application/json", null);
        assertThat(TemplateSelection.forResponse(passthrough, null)).isEmpty();
        assertThat(TemplateSelection.forResponse(Map.of(), null)).isEmpty();
    }
}
