package dev.olympus.desktop;

import java.awt.BorderLayout;
import java.awt.Desktop;
import java.awt.FlowLayout;
import java.io.IOException;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;

/** Artifacts: the files plans wrote in the sandbox, opened in place (and with the system app). */
final class ArtifactsPanel extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient DesktopApp app;
  final DefaultListModel<String> files = new DefaultListModel<>();
  final JList<String> list = new JList<>(files);
  final JTextArea preview = new JTextArea();
  final JButton refresh = new JButton("Refresh");

  ArtifactsPanel(DesktopApp app) {
    super(new BorderLayout(8, 8));
    this.app = app;
    setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    list.setName("artifact-list");
    preview.setName("artifact-preview");
    preview.setEditable(false);
    preview.setLineWrap(true);
    refresh.setName("artifact-refresh");
    JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT));
    top.add(refresh);
    JButton external = new JButton("Open with system app");
    external.setEnabled(
        Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN));
    external.addActionListener(e -> openExternally());
    top.add(external);
    add(top, BorderLayout.NORTH);
    add(
        new JSplitPane(
            JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(list), new JScrollPane(preview)),
        BorderLayout.CENTER);
    refresh.addActionListener(e -> refresh());
    list.addListSelectionListener(
        e -> {
          if (!e.getValueIsAdjusting() && list.getSelectedValue() != null) {
            open(list.getSelectedValue());
          }
        });
  }

  void refresh() {
    app.background(
        () -> Artifacts.list(app.session().settings().sandbox()),
        entries -> {
          files.clear();
          entries.forEach(entry -> files.addElement(entry.relative()));
        },
        e -> preview.setText(e.getMessage()));
  }

  private void open(String relative) {
    app.background(
        () -> Artifacts.preview(app.session().settings().sandbox(), relative),
        text -> {
          preview.setText(text);
          preview.setCaretPosition(0);
        },
        e -> preview.setText("Cannot open " + relative + ": " + e.getMessage()));
  }

  private void openExternally() {
    String relative = list.getSelectedValue();
    if (relative == null) {
      return;
    }
    try {
      Desktop.getDesktop().open(app.session().settings().sandbox().resolve(relative).toFile());
    } catch (IOException | UnsupportedOperationException e) {
      preview.setText("The system cannot open " + relative + ": " + e.getMessage());
    }
  }
}
