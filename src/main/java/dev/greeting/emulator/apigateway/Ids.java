package dev.greeting.emulator.apigateway;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** Identifiers shaped as AWS's: lower-case letters and digits (10 for a REST API, 6 for its children). */
final class Ids {
    static final int REST_API = 10;
    static final int ROOT_RESOURCE = 10;
    static final int CHILD = 6;

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Ids() {}

    static String random(int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A fresh id that {@code taken} does not already know. */
    static String unique(int length, Predicate<String> taken) {
        String id;
        do {
            id = random(length);
        } while (taken.test(id));
        return id;
    }
}
