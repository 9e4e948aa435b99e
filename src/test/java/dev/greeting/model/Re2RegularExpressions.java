package dev.greeting.model;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Schema {@code pattern}s evaluated as the API server does: RE2 syntax (Go's regexp), matched
 * anywhere in the value unless anchored. A pattern RE2 cannot compile (a lookahead, a
 * backreference) is refused here just as the API server would refuse the CRD.
 */
final class Re2RegularExpressions implements RegularExpressionFactory {
    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).find();
    }
}
