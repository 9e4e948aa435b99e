package dev.greeting.emulator.lambda;

import dev.greeting.emulator.http.AwsException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Lambda's constraint checks on request members (required, pattern, length, range), collected and
 * answered together as AWS does: 400 {@code ValidationException} "1 validation error detected: Value
 * 'x' at 'functionName' failed to satisfy constraint: ...". Members are named in camelCase, as in
 * AWS's messages.
 */
final class Validation {
    private final List<String> errors = new ArrayList<>();

    Validation required(String member, Object value) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    Validation pattern(String member, String value, String regex) {
        if (value != null && !Pattern.compile(regex).matcher(value).matches()) {
            fail(member, value, "Member must satisfy regular expression pattern: " + regex);
        }
        return this;
    }

    Validation length(String member, String value, int min, int max) {
        if (value != null && value.length() < min) {
            fail(member, value, "Member must have length greater than or equal to " + min);
        } else if (value != null && value.length() > max) {
            fail(member, value, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    Validation range(String member, Integer value, int min, int max) {
        if (value != null && value < min) {
            fail(member, value, "Member must have value greater than or equal to " + min);
        } else if (value != null && value > max) {
            fail(member, value, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    Validation size(String member, List<?> value, int min, int max) {
        if (value != null && value.size() < min) {
            fail(member, value, "Member must have length greater than or equal to " + min);
        } else if (value != null && value.size() > max) {
            fail(member, value, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    Validation oneOf(String member, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(member, value, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    private void fail(String member, Object value, String constraint) {
        errors.add("Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);
    }

    void check() {
        if (!errors.isEmpty()) {
            String count = errors.size() == 1 ? "1 validation error" : errors.size() + " validation errors";
            throw new AwsException(400, "ValidationException", count + " detected: " + String.join("; ", errors));
        }
    }
}
