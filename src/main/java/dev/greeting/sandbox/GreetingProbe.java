package dev.greeting.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Calls an invoke URL as {@code curl "<url>?greeter=NAME"} would: a plain GET, no AWS signature. */
public final class GreetingProbe {
    /** A cold start of the function (a new node process) plus the integration, with room to spare. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private GreetingProbe() {
    }

    /** The answer; status -1 when there was none (connection refused, timeout), with the reason as body. */
    public record Answer(URI uri, int status, String body) {
        public boolean ok() {
            return status == 200;
        }

        @Override
        public String toString() {
            return (status < 0 ? "no answer" : String.valueOf(status)) + " " + body;
        }
    }

    /** {@code GET <invokeUrl>?<parameter>=<value>}; the parameter is sent even when the value is empty. */
    public static Answer greet(String invokeUrl, String parameter, String value) {
        URI uri = uri(invokeUrl, parameter, value);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(uri, response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(uri, -1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(uri, -1, "interrupted");
        }
    }

    public static URI uri(String invokeUrl, String parameter, String value) {
        String separator = invokeUrl.contains("?") ? "&" : "?";
        return URI.create(invokeUrl + separator + URLEncoder.encode(parameter, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
