package dev.greeting.aws;

/** The AWS services the operator calls; quotas are kept per service and region. */
public enum AwsService {
    API_GATEWAY, LAMBDA
}
