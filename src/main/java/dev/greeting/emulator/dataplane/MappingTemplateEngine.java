package dev.greeting.emulator.dataplane;

import java.io.StringWriter;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.MethodExceptionEventHandler;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;

/**
 * API Gateway mapping templates on Apache Velocity, configured to behave like API Gateway's VTL:
 * Velocity 1.7 whitespace handling, {@code #if} true for any non-null value, and a reference
 * that resolves to nothing renders as nothing (not as its own source text).
 */
public final class MappingTemplateEngine {
    private final VelocityEngine velocity;

    public MappingTemplateEngine() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
        p.setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, "false");
        p.setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, "true");
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "false");
        p.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, "false");
        p.setProperty(RuntimeConstants.RUNTIME_STRING_INTERNING, "true");
        // templates come from API configuration: keep reflection and class loading out of their reach
        p.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, "org.apache.velocity.util.introspection.SecureUberspector");
        velocity = new VelocityEngine(p);
        velocity.init();
    }

    /** Evaluates {@code template} with {@code $input}, {@code $util}, {@code $context} and {@code $stageVariables}. */
    public String render(String template, TemplateInput input) {
        VelocityContext context = new VelocityContext();
        context.put("input", new InputVariable(input));
        context.put("util", new UtilVariable());
        context.put("context", input.context());
        context.put("stageVariables", input.stageVariables());
        EventCartridge events = new EventCartridge();
        events.addEventHandler((ReferenceInsertionEventHandler) (ctx, reference, value) -> value == null ? "" : value);
        // a context cartridge without this handler would swallow exceptions thrown by $input/$util
        events.addEventHandler((MethodExceptionEventHandler) (ctx, type, method, e, info) -> {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        });
        events.attachToContext(context);
        StringWriter out = new StringWriter();
        try {
            velocity.evaluate(context, out, "mapping-template", template);
        } catch (MethodInvocationException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof MappingTemplateException m) {
                    throw m;
                }
            }
            throw new MappingTemplateException(500, "Mapping template failed: " + e.getMessage(), e);
        } catch (MappingTemplateException e) {
            throw e;
        } catch (VelocityException | IllegalArgumentException | IllegalStateException e) {
            throw new MappingTemplateException(500, "Invalid mapping template: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** The {@code responseOverride} a template set with {@code #set($context.responseOverride.status = 400)}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> responseOverride(Map<String, Object> context) {
        Object o = context.get("responseOverride");
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
