package dev.olympus.desktop;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;

/** Ask: a goal, the draft's steps, and Run. Event thread only. */
final class AskPanel extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient DesktopApp app;
  private final transient Runnable showTasks;
  final JTextField goal = new JTextField("notes on revenue", 40);
  final JButton draft = new JButton("Draft plan");
  final JButton run = new JButton("Run");
  final DefaultListModel<String> steps = new DefaultListModel<>();
  final JTextArea note = new JTextArea(3, 40);
  private transient Draft current;

  AskPanel(DesktopApp app, Runnable showTasks) {
    super(new BorderLayout(8, 8));
    this.app = app;
    this.showTasks = showTasks;
    setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    goal.setName("ask-goal");
    draft.setName("ask-draft");
    run.setName("ask-run");
    run.setEnabled(false);
    note.setName("ask-note");
    note.setEditable(false);
    note.setLineWrap(true);
    note.setWrapStyleWord(true);
    JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT));
    top.add(new JLabel("Goal:"));
    top.add(goal);
    top.add(draft);
    top.add(run);
    add(top, BorderLayout.NORTH);
    JList<String> list = new JList<>(steps);
    list.setName("ask-steps");
    add(new JScrollPane(list), BorderLayout.CENTER);
    add(new JScrollPane(note), BorderLayout.SOUTH);
    draft.addActionListener(e -> draft());
    run.addActionListener(e -> run());
  }

  private void draft() {
    String text = goal.getText();
    note.setText("Drafting…");
    run.setEnabled(false);
    app.background(() -> app.session().draft(text), this::show, e -> note.setText(e.getMessage()));
  }

  private void show(Draft drafted) {
    current = drafted;
    steps.clear();
    drafted.stepLines().forEach(steps::addElement);
    note.setText(drafted.note().strip());
    run.setEnabled(true);
  }

  private void run() {
    Draft toRun = current;
    run.setEnabled(false);
    app.background(
        () -> app.session().start(toRun.plan()),
        started -> showTasks.run(),
        e -> note.setText("Could not start: " + e.getMessage()));
  }
}
