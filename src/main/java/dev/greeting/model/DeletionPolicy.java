package dev.greeting.model;

/** What happens to the AWS objects when the GreetingApi is deleted. */
public enum DeletionPolicy {
    /** Remove the REST API and the Lambda permission statement. */
    Delete,
    /** Keep them; only the Kubernetes resource goes. */
    Retain
}
