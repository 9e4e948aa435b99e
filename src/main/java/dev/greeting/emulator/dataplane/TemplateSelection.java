package dev.greeting.emulator.dataplane;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which mapping template applies. A request template is chosen by the request's Content-Type
 * (application/json when absent) and the integration's passthroughBehavior decides what happens
 * without one; a response template by the request's Accept header, else application/json, else
 * the first one. A null or blank template means "pass the payload through".
 */
public final class TemplateSelection {
    public static final String DEFAULT_CONTENT_TYPE = "application/json";

    /** The outcome for a request: render this template, pass the body through, or answer 415. */
    public record Request(Optional<String> template, boolean unsupportedMediaType) {
        static Request render(String template) {
            return new Request(Optional.of(template), false);
        }

        static Request passthrough() {
            return new Request(Optional.empty(), false);
        }

        static Request unsupported() {
            return new Request(Optional.empty(), true);
        }
    }

    private TemplateSelection() {}

    public static Request forRequest(Map<String, String> templates, String passthroughBehavior, String contentType) {
        Map<String, String> all = templates == null ? Map.of() : templates;
        Optional<Map.Entry<String, String>> match = find(all, mediaType(contentType));
        if (match.isPresent()) {
            String template = match.get().getValue();
            return template == null || template.isBlank() ? Request.passthrough() : Request.render(template);
        }
        String behavior = passthroughBehavior == null ? "WHEN_NO_MATCH" : passthroughBehavior.toUpperCase(Locale.ROOT);
        return switch (behavior) {
            case "NEVER" -> Request.unsupported();
            case "WHEN_NO_TEMPLATES" -> all.isEmpty() ? Request.passthrough() : Request.unsupported();
            default -> Request.passthrough();
        };
    }

    /** The response template to apply, or empty to pass the integration's payload through. */
    public static Optional<String> forResponse(Map<String, String> templates, String accept) {
        return responseTemplate(templates, accept).map(Map.Entry::getValue).filter(t -> !t.isBlank());
    }

    /**
     * The response template entry (content type, template) chosen for the Accept header; its value
     * may be null or blank, meaning pass-through with that content type. Empty without templates.
     */
    public static Optional<Map.Entry<String, String>> responseTemplate(Map<String, String> templates, String accept) {
        if (templates == null || templates.isEmpty()) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, String>> match = Optional.empty();
        if (accept != null) {
            for (String candidate : accept.split(",")) {
                match = find(templates, mediaType(candidate));
                if (match.isPresent()) {
                    break;
                }
            }
        }
        if (match.isEmpty()) {
            match = find(templates, DEFAULT_CONTENT_TYPE);
        }
        return match.isPresent() ? match : Optional.of(templates.entrySet().iterator().next());
    }

    /** The media type without parameters, lower case; application/json when absent. */
    static String mediaType(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_CONTENT_TYPE;
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<Map.Entry<String, String>> find(Map<String, String> templates, String mediaType) {
        return templates.entrySet().stream().filter(e -> mediaType(e.getKey()).equals(mediaType)).findFirst();
    }
}
