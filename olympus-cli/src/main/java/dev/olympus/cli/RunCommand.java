package dev.olympus.cli;

import dev.olympus.cli.Errors.UserException;
import dev.olympus.plan.Plan;
import dev.olympus.plan.PlanFormatException;
import dev.olympus.plan.PlanJson;
import dev.olympus.plan.PlanValidationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code olympus run <plan.json>}: show a plan file, then run it with consent per action. A file
 * over 32 MiB is refused before it is read.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    name = "run",
    description = "Run a plan file (JSON), asking consent per action.")
final class RunCommand implements Callable<Integer> {
  @ParentCommand OlympusCli cli;

  @Parameters(index = "0", description = "a plan in the plan JSON format")
  Path file;

  static final long MAX_PLAN_BYTES = 32L << 20;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no plan file");
    }
    long size = Files.size(file);
    if (size > MAX_PLAN_BYTES) {
      cli.out()
          .println(
              "plan file "
                  + Terminal.clean(file.toString())
                  + " has "
                  + size
                  + " bytes; a plan file may have at most "
                  + MAX_PLAN_BYTES);
      return 2;
    }
    Plan plan = read(file);
    PlanSession.show(cli.out(), plan);
    return new PlanSession(cli)
        .run(plan, (olympus, progress) -> olympus.executor().submit(plan, progress));
  }

  private static Plan read(Path file) throws IOException {
    try {
      return PlanJson.readPlan(Files.readString(file));
    } catch (PlanFormatException | PlanValidationException e) {
      throw new UserException(file + " is not a valid plan: " + e.getMessage(), e);
    } catch (CharacterCodingException e) {
      throw new UserException(file + " is not a plan: it is not UTF-8 text", e);
    }
  }
}
