package dev.olympus.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.olympus.executor.internal.Checks;
import dev.olympus.executor.internal.tools.MemoryTools;
import dev.olympus.executor.internal.tools.ModelTools;
import dev.olympus.llm.BudgetContext;
import dev.olympus.llm.ChatResponse;
import dev.olympus.llm.LlmRouter;
import dev.olympus.memory.MemoryStore;
import dev.olympus.tools.Tool;
import dev.olympus.tools.ToolContext;
import java.time.Clock;
import java.util.List;

/**
 * The tools every executor gives its plans besides the host's: the model as {@code llm.generate}
 * (text) and {@code llm.extract} (JSON matching a schema), and memory as {@code memory.search}
 * (documents, with citations) and {@code memory.remember} (a fact; needs the {@code memory.write}
 * scope). {@link Olympus} adds them itself; another executor (such as the one on Temporal) adds
 * them to its workers' registry, so the same plan finds the same tools, inputs and outputs:
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.builder()
 *     .add(BuiltInTools.memory(memory, Clock.systemUTC()))
 *     .add(BuiltInTools.model(router, account))
 *     .build();
 * }</pre>
 *
 * <p>The returned tools are immutable and thread-safe, as long as the router, store and account
 * are.
 */
public final class BuiltInTools {
  private BuiltInTools() {}

  /**
   * Where the model tools account for what a call may spend and what it spent. Called from the
   * tools' threads, so implementations must be thread-safe.
   */
  public interface ModelAccount {
    /**
     * What the call of tool {@code toolId} made for {@code call} (its plan, step and idempotency
     * key) may still spend; the router reserves the call's worst case on it before anything is
     * sent.
     *
     * @throws dev.olympus.tools.ToolException to refuse the call, for example when the budget is
     *     already spent
     */
    BudgetContext budget(String toolId, ToolContext call);

    /**
     * A call made for {@code call} with the tool's validated {@code input} ({@code prompt}, {@code
     * system}, ...) returned {@code response}; {@code charge} is the {@code budget.charge} event's
     * data ({@code tokens}, {@code usd} as a decimal string, {@code provider}, {@code model},
     * {@code cached}), a fresh node the account may keep.
     */
    void charged(ToolContext call, JsonNode input, ChatResponse response, ObjectNode charge);
  }

  /**
   * {@code llm.generate} and {@code llm.extract} over {@code router}, spending within {@code
   * account}. Both are read-only; {@code llm.generate} takes {@code prompt} and optionally {@code
   * system}, {@code maxTokens}, {@code temperature} and {@code model}, and returns {@code text},
   * {@code model}, {@code provider}, {@code usage} ({@code promptTokens}, {@code
   * completionTokens}), {@code cost} and {@code cached}; {@code llm.extract} takes a JSON {@code
   * schema} instead of a temperature and returns the answer as {@code data} in place of {@code
   * text}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<Tool> model(LlmRouter router, ModelAccount account) {
    return new ModelTools(Checks.notNull(router, "router"), Checks.notNull(account, "account"))
        .tools();
  }

  /**
   * {@code memory.search} and {@code memory.remember} over {@code memory}; a remembered fact is
   * dated by {@code clock} and sourced to its plan and step.
   *
   * @throws NullPointerException if an argument is null
   */
  public static List<Tool> memory(MemoryStore memory, Clock clock) {
    return new MemoryTools(Checks.notNull(memory, "memory"), Checks.notNull(clock, "clock"))
        .tools();
  }
}
