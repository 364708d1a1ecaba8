package org.archivekit.share.oai;

import java.util.List;

/** One or more OAI-PMH error conditions answering a request; thrown inside the provider, never to its caller. */
final class OaiError extends Exception {
    private static final long serialVersionUID = 1L;

    /** One error: its protocol code and a message for the harvester. */
    record Condition(String code, String message) {}

    private final transient List<Condition> conditions;

    OaiError(List<Condition> conditions) {
        super(conditions.get(0).code() + ": " + conditions.get(0).message(), null, false, false);
        this.conditions = List.copyOf(conditions);
    }

    static OaiError of(String code, String message) {
        return new OaiError(List.of(new Condition(code, message)));
    }

    List<Condition> conditions() {
        return conditions;
    }

    /** Whether the request itself was malformed: then the response echoes no arguments. */
    boolean isMalformedRequest() {
        return conditions.stream().anyMatch(c -> c.code().equals("badVerb") || c.code().equals("badArgument"));
    }
}
