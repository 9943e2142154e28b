package host;

/** Reaches into the executor's internals, which no Olympus module exports. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println(dev.olympus.plan.internal.Dag.class);
  }
}
