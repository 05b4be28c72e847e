/**
 * The backtest from the command line, for rule authors without a server: its options, the JSON-lines
 * facts file it reads, and the text it prints. The replay itself is the server's, from
 * {@link org.saathi.backtest}; nothing here needs Spring or a database.
 */
@NamedInterface("command")
package org.saathi.backtest.command;

import org.springframework.modulith.NamedInterface;
