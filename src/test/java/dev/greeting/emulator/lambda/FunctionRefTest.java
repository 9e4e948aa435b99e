package dev.greeting.emulator.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FunctionRefTest {

    @Test
    void readsEveryFormLambdaAccepts() {
        assertThat(FunctionRef.parse("my-function", "us-west-2"))
                .contains(new FunctionRef("us-west-2", "123456789012", "my-function", null));
        assertThat(FunctionRef.parse("my-function:$LATEST", "us-west-2"))
                .contains(new FunctionRef("us-west-2", "123456789012", "my-function", "$LATEST"));
        assertThat(FunctionRef.parse("123456789012:function:my-function", "us-west-2"))
                .contains(new FunctionRef("us-west-2", "123456789012", "my-function", null));
        assertThat(FunctionRef.parse("arn:aws:lambda:eu-central-1:210987654321:function:my-function:prod", "us-west-2"))
                .contains(new FunctionRef("eu-central-1", "210987654321", "my-function", "prod"));
    }

    @Test
    void rejectsWhatIsNoFunctionName() {
        assertThat(FunctionRef.parse("my function", "us-west-2")).isEmpty();
        assertThat(FunctionRef.parse("arn:aws:lambda:::function:x", "us-west-2")).isEmpty();
        assertThat(FunctionRef.parse("arn:aws:s3:::bucket", "us-west-2")).isEmpty();
        assertThat(FunctionRef.parse(null, "us-west-2")).isEmpty();
    }

    @Test
    void arnsAreQualifiedOnlyWhenAsked() {
        FunctionRef ref = new FunctionRef("us-west-2", "123456789012", "f", "1");
        assertThat(ref.arn()).isEqualTo("arn:aws:lambda:us-west-2:123456789012:function:f");
        assertThat(ref.qualifiedArn()).isEqualTo("arn:aws:lambda:us-west-2:123456789012:function:f:1");
        assertThat(ref.isLatest()).isFalse();
    }
}
