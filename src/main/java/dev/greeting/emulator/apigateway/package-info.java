/**
 * API Gateway's REST management API (2015-07-09) for the emulator.
 *
 * <p>{@link dev.greeting.emulator.apigateway.ApiGatewayEmulator} registers the operations and is
 * the data plane's read-only entry point. State lives in {@code ApiGatewayStore} (regions → REST
 * APIs), each REST API in a {@code RestApiState} changed only under its own monitor. Values are the
 * immutable records of the {@code model} package, named and shaped as the service model's
 * structures, so a deployment's snapshot is simply the records it saw.
 *
 * <p>Handlers are grouped by object family ({@code RestApiHandlers}, {@code ResourceHandlers},
 * {@code MethodHandlers} with method responses, {@code IntegrationHandlers} with integration
 * responses, {@code DeploymentHandlers}, {@code StageHandlers}, {@code RequestValidatorHandlers},
 * {@code TagHandlers}); {@code PatchOperations} implements the patch dialect of every Update
 * operation, {@code Page} the position/limit paging, {@code Errors} AWS's error messages.
 */
package dev.greeting.emulator.apigateway;
