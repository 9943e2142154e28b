package dev.olympus.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.olympus.plan.PlanSnapshot;
import dev.olympus.plan.PlanState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The task queue's model: snapshots arrive from several threads, out of order. */
class TaskBoardTest {
  private static final Instant T1 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Instant T2 = T1.plusSeconds(1);

  private final TaskBoard board = new TaskBoard();
  private final AtomicInteger changes = new AtomicInteger();
  private final PlanSnapshot drafted = PlanSnapshot.initial(OfflinePlanner.draft("revenue"), T1);

  @Test
  void aLateOlderSnapshotDoesNotHideTheNewerOne() {
    board.onChange(changes::incrementAndGet);
    board.show(drafted);
    board.show(drafted.withState(PlanState.QUEUED, T2));
    board.show(drafted);
    assertEquals(List.of("QUEUED", "QUEUED"), planStates());
    assertEquals(2, changes.get(), "the stale snapshot changed nothing");
  }

  @Test
  void aSnapshotTakenAtTheSameInstantReplacesTheShownOne() {
    board.show(drafted);
    board.show(drafted.withState(PlanState.QUEUED, T1));
    assertEquals(List.of("QUEUED", "QUEUED"), planStates());
  }

  @Test
  void theTaskQueueIsToldOfEveryNewSetOfRows() {
    board.show(drafted);
    TaskPanel.Rows rows = new TaskPanel.Rows();
    AtomicInteger told = new AtomicInteger();
    rows.addTableModelListener(e -> told.incrementAndGet());
    rows.show(board.rows());
    assertEquals(1, told.get(), "the table repaints the new rows");
    assertEquals(2, rows.getRowCount());
  }

  private List<String> planStates() {
    return board.rows().stream().map(TaskBoard.Row::planState).toList();
  }
}
