/** A host that tries to use an Olympus internal class: it must not compile. */
module host {
  requires dev.olympus.executor;
}
