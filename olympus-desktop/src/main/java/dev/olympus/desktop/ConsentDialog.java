package dev.olympus.desktop;

import dev.olympus.tools.ConsentDecision;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.concurrent.CompletableFuture;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.WindowConstants;

/**
 * A modeless dialog asking whether one tool call may run: what it is, what it does (destructive in
 * red), its whole input with size and SHA-256, and the four answers. Closing it denies. Event
 * thread only.
 */
final class ConsentDialog extends JDialog {
  private static final long serialVersionUID = 1L;
  static final String NAME = "consent-dialog";

  private final transient CompletableFuture<ConsentDecision> answer;

  ConsentDialog(Window owner, ConsentView view, CompletableFuture<ConsentDecision> answer) {
    super(owner, "Allow this action?", ModalityType.MODELESS);
    this.answer = answer;
    setName(NAME);
    setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    addWindowListener(
        new WindowAdapter() {
          @Override
          public void windowClosing(WindowEvent e) {
            answer.complete(ConsentDecision.deny("the consent dialog was closed"));
          }
        });
    JPanel content = new JPanel(new BorderLayout(8, 8));
    content.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    content.add(header(view), BorderLayout.NORTH);
    content.add(input(view), BorderLayout.CENTER);
    content.add(buttons(), BorderLayout.SOUTH);
    setContentPane(content);
    setSize(new Dimension(640, 420));
    setLocationRelativeTo(owner);
  }

  private static JPanel header(ConsentView view) {
    JPanel header = new JPanel();
    header.setLayout(new BoxLayout(header, BoxLayout.Y_AXIS));
    JTextArea title = wrapped("consent-title", view.title());
    title.setFont(title.getFont().deriveFont(java.awt.Font.BOLD, 15f));
    header.add(title);
    header.add(Box.createVerticalStrut(4));
    header.add(wrapped("consent-summary", view.summary()));
    JTextArea effect = wrapped("consent-effect", view.effect());
    if (view.destructive()) {
      effect.setForeground(new Color(0xB0, 0x1C, 0x1C));
    }
    header.add(effect);
    header.add(wrapped("consent-identity", "Input: " + view.identity()));
    return header;
  }

  /** Text shown whole, wrapped at the dialog's width, never cut with "...". */
  private static JTextArea wrapped(String name, String text) {
    JTextArea area = new JTextArea(text);
    area.setName(name);
    area.setEditable(false);
    area.setLineWrap(true);
    area.setOpaque(false);
    area.setBorder(BorderFactory.createEmptyBorder());
    return area;
  }

  private static JScrollPane input(ConsentView view) {
    JTextArea text = new JTextArea(view.input());
    text.setName("consent-input");
    text.setEditable(false);
    text.setLineWrap(true);
    text.setFont(new java.awt.Font(java.awt.Font.MONOSPACED, java.awt.Font.PLAIN, 12));
    return new JScrollPane(text);
  }

  private JPanel buttons() {
    JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
    for (Answer choice : Answer.values()) {
      JButton button = new JButton(choice.label());
      button.setName("consent-" + choice.name().toLowerCase(java.util.Locale.ROOT));
      button.addActionListener(e -> decide(choice));
      buttons.add(button);
    }
    return buttons;
  }

  /** Answers with {@code choice} and closes. */
  void decide(Answer choice) {
    answer.complete(choice.decision());
    dispose();
  }
}
