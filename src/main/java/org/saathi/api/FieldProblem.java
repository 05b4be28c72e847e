package org.saathi.api;

/**
 * One thing wrong with a request, named by its JSON path ({@code craving}, {@code items[3]},
 * {@code consent.shareWithPeerMentor}) or by its path variable or header.
 */
public record FieldProblem(String field, String message) {

    public FieldProblem {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a field problem needs a message");
        }
    }
}
