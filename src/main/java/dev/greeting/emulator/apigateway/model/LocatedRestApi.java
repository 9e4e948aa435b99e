package dev.greeting.emulator.apigateway.model;

/** A REST API together with the region it was created in (invoke URLs carry the API id but no region). */
public record LocatedRestApi(String region, RestApi restApi) {
}
