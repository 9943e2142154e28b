/**
 * The {@code olympus} command line, a host of the Olympus SDK for a person at a terminal. Run it
 * with {@code java -jar olympus-cli.jar --help}; {@link dev.olympus.cli.OlympusCli} is its entry
 * point.
 */
module dev.olympus.cli {
  requires dev.olympus.executor;
  requires info.picocli;
  requires org.slf4j;

  exports dev.olympus.cli;

  // picocli reads and sets the commands' annotated fields reflectively.
  opens dev.olympus.cli to
      info.picocli;
}
