package dev.olympus.desktop;

import java.awt.BorderLayout;
import java.awt.GridLayout;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;

/** Settings: model, Ollama URL, cloud, daily budget, offline mode and the sandbox folder. */
final class SettingsPanel extends JPanel {
  private static final long serialVersionUID = 1L;

  private final transient DesktopApp app;
  final JTextField model = new JTextField();
  final JTextField ollamaUrl = new JTextField();
  final JCheckBox cloud =
      new JCheckBox("Use the cloud provider when the local model cannot answer");
  final JTextField cloudUrl = new JTextField();
  final JTextField budget = new JTextField();
  final JCheckBox offline = new JCheckBox("Offline: use no model at all");
  final JTextField sandbox = new JTextField();
  final JButton apply = new JButton("Apply");
  final JLabel message = new JLabel(" ");

  SettingsPanel(DesktopApp app) {
    super(new BorderLayout(8, 8));
    this.app = app;
    setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    JPanel form = new JPanel(new GridLayout(0, 2, 8, 8));
    row(form, "Model", model);
    row(form, "Ollama URL", ollamaUrl);
    row(form, "Cloud", cloud);
    row(form, "Cloud URL (OpenAI-compatible)", cloudUrl);
    row(form, "Daily cloud budget (USD)", budget);
    row(form, "Offline mode", offline);
    row(form, "Sandbox folder", sandbox);
    add(form, BorderLayout.NORTH);
    JPanel south = new JPanel(new BorderLayout());
    apply.setName("settings-apply");
    message.setName("settings-message");
    south.add(apply, BorderLayout.WEST);
    south.add(message, BorderLayout.CENTER);
    add(south, BorderLayout.SOUTH);
    apply.addActionListener(e -> apply());
    show(app.session().settings());
  }

  private static void row(JPanel form, String label, java.awt.Component field) {
    field.setName("settings-" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
    form.add(new JLabel(label));
    form.add(field);
  }

  void show(Settings s) {
    model.setText(s.model());
    ollamaUrl.setText(s.ollamaUrl().toString());
    cloud.setSelected(s.cloud());
    cloudUrl.setText(s.cloudUrl().toString());
    budget.setText(s.dailyBudget().toPlainString());
    offline.setSelected(s.offline());
    sandbox.setText(s.sandbox().toString());
  }

  private void apply() {
    Settings settings;
    try {
      settings =
          Settings.parse(
              model.getText(),
              ollamaUrl.getText(),
              cloud.isSelected(),
              cloudUrl.getText(),
              budget.getText(),
              offline.isSelected(),
              sandbox.getText());
    } catch (IllegalArgumentException e) {
      message.setText(e.getMessage());
      return;
    }
    message.setText("Applying…");
    app.background(
        () -> {
          app.apply(settings);
          return app.session().noModelReason().orElse("Using " + app.session().modelInUse() + ".");
        },
        message::setText,
        e -> message.setText("Not applied: " + e.getMessage()));
  }
}
