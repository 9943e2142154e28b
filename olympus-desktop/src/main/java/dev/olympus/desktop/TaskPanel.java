package dev.olympus.desktop;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.olympus.executor.PlanRun;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.table.AbstractTableModel;

/**
 * The task queue: every plan's steps with their live states, and the buttons that steer the
 * selected plan or decide on its selected BLOCKED step.
 */
final class TaskPanel extends JPanel {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final transient DesktopApp app;
  final Rows rows = new Rows();
  final JTable table = new JTable(rows);
  final JLabel message = new JLabel(" ");

  TaskPanel(DesktopApp app) {
    super(new BorderLayout(8, 8));
    this.app = app;
    setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    table.setName("task-table");
    message.setName("task-message");
    add(new JScrollPane(table), BorderLayout.CENTER);
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT));
    buttons.add(button("Pause", PlanRun::pause));
    buttons.add(button("Resume", PlanRun::resume));
    buttons.add(button("Cancel", PlanRun::cancel));
    buttons.add(stepButton("Approve", (run, step) -> run.approve(step)));
    buttons.add(
        stepButton("Reject", (run, step) -> run.reject(step, "rejected in the task queue")));
    buttons.add(completeButton());
    JPanel south = new JPanel(new BorderLayout());
    south.add(buttons, BorderLayout.NORTH);
    south.add(message, BorderLayout.SOUTH);
    add(south, BorderLayout.SOUTH);
    app.board().onChange(() -> SwingUtilities.invokeLater(this::showBoard));
  }

  /**
   * Shows the board's latest rows; the selected step stays selected (plans change all the time).
   */
  private void showBoard() {
    int selected = table.getSelectedRow();
    TaskBoard.Row kept = selected < 0 ? null : rows.row(selected);
    rows.show(app.board().rows());
    if (kept != null) {
      rows.indexOf(kept).ifPresent(index -> table.setRowSelectionInterval(index, index));
    }
  }

  private JButton button(String label, Consumer<PlanRun> action) {
    return stepButton(label, (run, step) -> action.accept(run));
  }

  private JButton stepButton(String label, BiConsumer<PlanRun, String> action) {
    return actionButton(label, () -> action);
  }

  private JButton completeButton() {
    return actionButton("Complete", this::completion);
  }

  /** A button that applies the action {@code chosen} gives (null: nothing) to the selection. */
  private JButton actionButton(String label, Supplier<BiConsumer<PlanRun, String>> chosen) {
    JButton button = new JButton(label);
    button.setName("task-" + label.toLowerCase(Locale.ROOT));
    button.addActionListener(e -> onSelected(label, chosen));
    return button;
  }

  private void onSelected(String label, Supplier<BiConsumer<PlanRun, String>> chosen) {
    int selected = table.getSelectedRow();
    if (selected < 0) {
      message.setText("Select a step first.");
      return;
    }
    TaskBoard.Row row = rows.row(selected);
    Optional<PlanRun> run = app.board().run(row.planId());
    if (run.isEmpty()) {
      message.setText("This plan is not run by this window.");
      return;
    }
    BiConsumer<PlanRun, String> action = chosen.get();
    if (action == null) {
      return;
    }
    app.background(
        () -> {
          action.accept(run.get(), row.step());
          app.board().refresh(row.planId());
          return label + ": " + row.step();
        },
        message::setText,
        e -> message.setText(label + " failed: " + e.getMessage()));
  }

  /** Asks for the output the step produced (JSON) and settles it with that; null if cancelled. */
  private BiConsumer<PlanRun, String> completion() {
    String output =
        JOptionPane.showInputDialog(this, "The step's output, as JSON (it did happen):", "{}");
    if (output == null) {
      return null;
    }
    return (run, step) -> {
      try {
        run.complete(step, JSON.readTree(output));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
      }
    };
  }

  /** The table's rows, replaced as a whole on every change. */
  static final class Rows extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private static final String[] COLUMNS = {"plan", "plan state", "step", "step state", "note"};
    private transient List<TaskBoard.Row> rows = List.of();

    void show(List<TaskBoard.Row> latest) {
      rows = latest;
      fireTableDataChanged();
    }

    TaskBoard.Row row(int index) {
      return rows.get(index);
    }

    /** Where the step of {@code row}'s plan is now, if it is shown. */
    OptionalInt indexOf(TaskBoard.Row row) {
      return IntStream.range(0, rows.size())
          .filter(
              i ->
                  rows.get(i).planId().equals(row.planId())
                      && rows.get(i).step().equals(row.step()))
          .findFirst();
    }

    @Override
    public int getRowCount() {
      return rows.size();
    }

    @Override
    public int getColumnCount() {
      return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
      return COLUMNS[column];
    }

    @Override
    public Object getValueAt(int index, int column) {
      TaskBoard.Row r = rows.get(index);
      return switch (column) {
        case 0 -> r.title();
        case 1 -> r.planState();
        case 2 -> r.step();
        case 3 -> r.state().name();
        default -> r.note();
      };
    }
  }
}
