package dev.greeting.emulator.apigateway.model;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a timestamp member: the rest-json protocol writes timestamps as epoch seconds (JSON numbers). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonSerialize(using = EpochSecondsCodec.Serializer.class)
@JsonDeserialize(using = EpochSecondsCodec.Deserializer.class)
public @interface EpochSeconds {
}
