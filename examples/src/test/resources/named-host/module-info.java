/** A host application that uses Olympus as a named module, as a modular application would. */
module host {
  requires dev.olympus.executor;
}
