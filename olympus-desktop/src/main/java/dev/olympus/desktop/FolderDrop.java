package dev.olympus.desktop;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.TransferHandler;

/** Accepts folders dropped on the window and hands each to {@code ingest}; files are refused. */
final class FolderDrop extends TransferHandler {
  private static final long serialVersionUID = 1L;

  private final transient Consumer<Path> ingest;

  FolderDrop(Consumer<Path> ingest) {
    this.ingest = ingest;
  }

  /** The folders among {@code dropped}, in order. */
  static List<Path> folders(List<File> dropped) {
    return dropped.stream().filter(File::isDirectory).map(File::toPath).toList();
  }

  @Override
  public boolean canImport(TransferSupport support) {
    return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
  }

  @Override
  public boolean importData(TransferSupport support) {
    List<Path> folders = folders(files(support.getTransferable()));
    folders.forEach(ingest);
    return !folders.isEmpty();
  }

  private static List<File> files(Transferable dropped) {
    try {
      List<?> list = (List<?>) dropped.getTransferData(DataFlavor.javaFileListFlavor);
      return list.stream().filter(File.class::isInstance).map(File.class::cast).toList();
    } catch (UnsupportedFlavorException | IOException e) {
      return List.of();
    }
  }
}
