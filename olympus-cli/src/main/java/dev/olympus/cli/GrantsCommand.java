package dev.olympus.cli;

import dev.olympus.tools.ConsentGrants;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code olympus grants [list | revoke <scope>]}: the standing consent grants. */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "grants",
    description = "List standing grants, or revoke those of a scope.")
final class GrantsCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", defaultValue = "list", description = "list (default) or revoke")
  String action;

  @Parameters(index = "1", arity = "0..1", description = "the scope to revoke, e.g. fs.write")
  String scope;

  @Override
  public Integer call() throws Exception {
    ConsentGrants grants = cli.loadGrants();
    if (action.equals("revoke")) {
      if (scope == null) {
        cli.out().println("usage: olympus grants revoke <scope>");
        return 2;
      }
      boolean revoked = grants.revokeScope(scope);
      cli.saveGrants(grants);
      cli.out().println((revoked ? "revoked " : "no grant for ") + Terminal.clean(scope));
      return revoked ? 0 : 1;
    }
    if (grants.grants().isEmpty()) {
      cli.out().println("no standing grants");
    }
    for (ConsentGrants.Grant grant : grants.grants()) {
      cli.out()
          .println(
              Terminal.clean(grant.scope())
                  + grant
                      .within()
                      .map(w -> " within " + Terminal.clean(w.value()))
                      .orElse(" everywhere"));
    }
    return 0;
  }
}
