package io.alarmhub.server.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The nearest known key to a misspelt one, so that {@code rest.prot} says "did you mean port?". */
final class KeySuggestions {

    /** Further than this many edits, a key is not a typo of another but something else. */
    private static final int MAX_EDITS = 2;

    private KeySuggestions() {
    }

    /** "did you mean port?" when one known key is near, else the keys known there. */
    static String suggest(String unknown, List<String> known) {
        return nearest(unknown, known).map(key -> "did you mean " + key + "?")
                .orElse("known here: " + String.join(", ", known));
    }

    static Optional<String> nearest(String unknown, List<String> known) {
        return known.stream()
                .filter(key -> distance(unknown, key) <= Math.min(MAX_EDITS, Math.max(1, key.length() / 3)))
                .min(Comparator.comparingInt(key -> distance(unknown, key)));
    }

    /** Damerau–Levenshtein (optimal string alignment): a swap of two letters is one edit, as in "prot". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
