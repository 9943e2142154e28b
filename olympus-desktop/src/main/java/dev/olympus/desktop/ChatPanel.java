package dev.olympus.desktop;

import dev.olympus.executor.ChatToolCall;
import dev.olympus.executor.Reply;
import dev.olympus.tools.ConsentText;
import java.awt.BorderLayout;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;

/** Chat: a transcript and a message field; the model may call tools, with consent. */
final class ChatPanel extends JPanel {
  private static final long serialVersionUID = 1L;
  private static final int LINE = 400;

  private final transient DesktopApp app;
  final JTextArea transcript = new JTextArea(20, 60);
  final JTextField message = new JTextField();
  final JButton send = new JButton("Send");

  ChatPanel(DesktopApp app) {
    super(new BorderLayout(8, 8));
    this.app = app;
    setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
    transcript.setName("chat-transcript");
    transcript.setEditable(false);
    transcript.setLineWrap(true);
    transcript.setWrapStyleWord(true);
    message.setName("chat-message");
    send.setName("chat-send");
    add(new JScrollPane(transcript), BorderLayout.CENTER);
    JPanel bottom = new JPanel(new BorderLayout(8, 8));
    bottom.add(message, BorderLayout.CENTER);
    bottom.add(send, BorderLayout.EAST);
    add(bottom, BorderLayout.SOUTH);
    send.addActionListener(e -> send());
    message.addActionListener(e -> send());
  }

  private void send() {
    String text = message.getText();
    if (text.isBlank()) {
      return;
    }
    message.setText("");
    transcript.append("you: " + text + "\n");
    if (app.session().noModelReason().isPresent()) {
      transcript.append(
          app.session().noModelReason().get() + " " + OfflinePlanner.WHAT_A_MODEL_ADDS + "\n");
      return;
    }
    send.setEnabled(false);
    app.background(() -> app.session().chat(text), this::show, this::failed);
  }

  private void show(Reply reply) {
    for (ChatToolCall call : reply.toolCalls()) {
      String line =
          call.call().toolId()
              + " "
              + ConsentText.render(call.call().input())
              + " → "
              + call.outcome();
      transcript.append("  tool " + ConsentText.line(line, LINE) + "\n");
    }
    transcript.append("assistant: " + ConsentText.escape(reply.text()) + "\n");
    send.setEnabled(true);
  }

  private void failed(Exception e) {
    transcript.append("(" + e.getMessage() + ")\n");
    send.setEnabled(true);
  }
}
