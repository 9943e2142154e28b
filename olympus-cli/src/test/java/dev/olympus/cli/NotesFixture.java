package dev.olympus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The fixed model fixture of golden task 1 ("notes from documents"): a folder of one PDF and one
 * Markdown file, and the model's scripted answers in the order the planner and the plan ask for
 * them: an invalid draft (an unknown tool), a valid draft with an unwanted delete, the critic
 * blocking it, the refined draft, the critic satisfied, then the summary for {@code llm.generate}.
 */
public final class NotesFixture {
  public static final String GOAL = "summarize these into notes.md with sources";

  public static final String INVALID =
      """
      {"title":"notes","steps":[
        {"name":"read","uses":"shell.exec","with":{"cmd":"cat docs/*"}}]}
      """;

  private static final String STEPS =
      """
        {"name":"search","uses":"memory.search","with":{"query":"revenue roadmap offline","k":4}},
        {"name":"summarize","uses":"llm.generate","after":["search"],"with":{"prompt":
          "Summarize into notes, citing each source in brackets:\\n[${search.hits.0.sourceId}] ${search.hits.0.snippet}\\n[${search.hits.1.sourceId}] ${search.hits.1.snippet}"}},
        {"name":"write","uses":"fs.write","after":["summarize"],"with":{"path":"notes.md",
          "content":"# Notes\\n\\n${summarize.text}\\n\\n## Sources\\n- ${search.hits.0.sourceId}\\n- ${search.hits.1.sourceId}\\n"}}""";

  public static final String RISKY =
      "{\"title\":\"notes from the documents\",\"steps\":[\n"
          + STEPS
          + ",\n  {\"name\":\"cleanup\",\"uses\":\"fs.delete\",\"after\":[\"write\"],"
          + "\"with\":{\"path\":\"docs\"}}]}\n";

  public static final String BLOCKING =
      """
      {"issues":[{"severity":"blocking","kind":"unnecessary-side-effect","step":"cleanup",
        "message":"deleting docs is not part of the goal"}]}
      """;

  public static final String REFINED =
      "{\"title\":\"notes from the documents\",\"steps\":[\n" + STEPS + "]}\n";

  public static final String NO_ISSUES = "{\"issues\":[]}";

  public static final String SUMMARY =
      "Revenue grew 12% on local demand [report.pdf]. Offline search with cited answers ships"
          + " next quarter [roadmap.md].";

  private NotesFixture() {}

  /** The model's answers, in order: four planning rounds' worth, then the summary. */
  public static List<String> answers() {
    return List.of(INVALID, RISKY, BLOCKING, REFINED, NO_ISSUES, SUMMARY);
  }

  /** Writes {@code report.pdf} (two pages) and {@code roadmap.md} into {@code folder}. */
  public static Path documents(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.write(
        folder.resolve("report.pdf"),
        Pdfs.pdf(
            "Quarterly report",
            List.of(
                "Quarterly report: revenue grew 12% on local demand.",
                "Costs fell as inference moved on-device.")));
    Files.writeString(
        folder.resolve("roadmap.md"),
        "# Roadmap\n\nNext quarter the team ships offline search with cited answers.\n");
    return folder;
  }
}
