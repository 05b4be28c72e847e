package org.saathi.api;

/**
 * Text PostgreSQL can store: no NUL character, and no half of a UTF-16 surrogate pair without the
 * other, which cannot be written as UTF-8 at all. One check for JSON bodies, page forms and logins.
 */
public final class StorableText {

    public static final String MESSAGE = "must not contain a NUL character or other text that cannot be stored";

    private StorableText() {
    }

    public static boolean isStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
