package org.saathi.rules;

import java.util.Objects;
import java.util.Optional;

import org.saathi.facts.Severity;

/**
 * What staff are asked to do about an alert at its current severity, in the rule set's words, and
 * where that guidance comes from (null when the rule set names no source). It is for the alert
 * page and the alert's detail only: notifications never carry it, as they reach phones and inboxes
 * that others may see.
 */
public record WhatToDo(String text, String source) {

    public WhatToDo {
        Objects.requireNonNull(text, "text");
    }

    /** The responses of the rule set in force, by rule id and severity; the rules supply it. */
    public interface Catalogue {

        Optional<WhatToDo> whatToDo(String ruleId, Severity severity);
    }
}
