package dev.greeting.emulator.lambda;

import dev.greeting.emulator.http.ApiRequest;
import dev.greeting.emulator.http.AwsException;

/** Resolves the {FunctionName} path member (plus an optional Qualifier query parameter) of a request. */
final class FunctionNames {
    private FunctionNames() {}

    static FunctionRef resolve(ApiRequest request) {
        String functionName = request.path("FunctionName");
        String qualifier = request.queryParam("Qualifier").orElse(null);
        new Validation()
                .length("functionName", functionName, 1, 256)
                .pattern("functionName", functionName, FunctionRef.MODEL_PATTERN)
                .length("qualifier", qualifier, 1, 128)
                .pattern("qualifier", qualifier, "\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+")
                .check();
        FunctionRef ref = FunctionRef.parse(functionName, request.region())
                .orElseThrow(() -> AwsException.invalidParameter("Invalid function name: " + functionName));
        if (qualifier == null) {
            return ref;
        }
        if (ref.qualifier() != null && !ref.qualifier().equals(qualifier)) {
            throw AwsException.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionRef(ref.region(), ref.account(), ref.name(), qualifier);
    }
}
