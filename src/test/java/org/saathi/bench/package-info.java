/**
 * The benchmark suite: ingest against the service running as its own process on a PostgreSQL
 * server next to pgbench's insert rate, alert delivery, the sweep, and start-up, each as figures
 * against the performance targets. Benchmarks are not tests: nothing here runs with {@code mvn verify}.
 */
package org.saathi.bench;
