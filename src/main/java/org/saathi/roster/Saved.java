package org.saathi.roster;

import java.net.URI;

import org.springframework.http.ResponseEntity;

/** A roster record as saved, and whether the save created it: a PUT answers 201 with its place, or 200. */
record Saved<T>(T record, boolean created) {

    ResponseEntity<T> answer(String location) {
        return created ? ResponseEntity.created(URI.create(location)).body(record) : ResponseEntity.ok(record);
    }
}
