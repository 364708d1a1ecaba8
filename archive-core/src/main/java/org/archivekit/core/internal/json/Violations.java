package org.archivekit.core.internal.json;

import java.util.ArrayList;
import java.util.List;
import org.archivekit.core.InvalidRequestException;
import org.archivekit.core.InvalidRequestException.Violation;

/** Collects the violations found while reading one document; not thread-safe, used once. */
final class Violations {
    private final List<Violation> found = new ArrayList<>();

    void add(String path, String message) {
        found.add(new Violation(path, message));
    }

    /** A mark to pass to {@link #since(int)}. */
    int mark() {
        return found.size();
    }

    /** Whether anything was found after {@code mark}. */
    boolean since(int mark) {
        return found.size() > mark;
    }

    void throwIfAny() {
        if (!found.isEmpty()) throw new InvalidRequestException(found);
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String element(String path, int index) {
        return path + "[" + index + "]";
    }
}
