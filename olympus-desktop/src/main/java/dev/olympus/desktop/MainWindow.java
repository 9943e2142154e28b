package dev.olympus.desktop;

import java.awt.BorderLayout;
import java.nio.file.Path;
import javax.swing.BorderFactory;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import javax.swing.Timer;
import javax.swing.WindowConstants;

/**
 * The main window: Ask, Chat, Task queue, Artifacts and Settings tabs over a status bar; a folder
 * dropped anywhere on it is ingested. Event thread only.
 */
final class MainWindow extends JFrame {
  private static final long serialVersionUID = 1L;
  private static final int STATUS_EVERY_MS = 2000;

  private final transient DesktopApp app;
  final JTabbedPane tabs = new JTabbedPane();
  final AskPanel ask;
  final ChatPanel chat;
  final TaskPanel tasks;
  final ArtifactsPanel artifacts;
  final SettingsPanel settings;
  final JLabel status = new JLabel(" ");
  final JLabel notice = new JLabel(" ");
  private final Timer statusTimer;

  MainWindow(DesktopApp app) {
    super("Olympus");
    this.app = app;
    setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    tasks = new TaskPanel(app);
    ask = new AskPanel(app, () -> tabs.setSelectedComponent(tasks));
    chat = new ChatPanel(app);
    artifacts = new ArtifactsPanel(app);
    settings = new SettingsPanel(app);
    tabs.addTab("Ask", ask);
    tabs.addTab("Chat", chat);
    tabs.addTab("Task queue", tasks);
    tabs.addTab("Artifacts", artifacts);
    tabs.addTab("Settings", settings);
    tabs.addChangeListener(
        e -> {
          if (tabs.getSelectedComponent() == artifacts) {
            artifacts.refresh();
          }
        });
    status.setName("status");
    notice.setName("notice");
    JPanel bar = new JPanel(new BorderLayout(16, 0));
    bar.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
    bar.add(status, BorderLayout.WEST);
    bar.add(notice, BorderLayout.EAST);
    add(tabs, BorderLayout.CENTER);
    add(bar, BorderLayout.SOUTH);
    setTransferHandler(new FolderDrop(this::ingest));
    tabs.setTransferHandler(getTransferHandler());
    statusTimer = new Timer(STATUS_EVERY_MS, e -> refreshStatus());
    statusTimer.start();
    refreshStatus();
    setSize(960, 640);
    setLocationByPlatform(true);
  }

  /** Ingests {@code folder} in the background and says what happened in the status bar. */
  void ingest(Path folder) {
    notice.setText("Ingesting " + folder.getFileName() + "…");
    app.background(
        () -> app.session().ingest(folder).text(),
        notice::setText,
        e -> notice.setText("Not ingested: " + e.getMessage()));
  }

  void refreshStatus() {
    app.background(() -> app.session().status().text(), status::setText, e -> {});
  }

  @Override
  public void dispose() {
    statusTimer.stop();
    super.dispose();
  }
}
