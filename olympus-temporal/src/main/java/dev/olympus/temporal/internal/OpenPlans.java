package dev.olympus.temporal.internal;

import com.google.protobuf.ByteString;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/** Lists the plan workflows that are still open on a task queue. */
public final class OpenPlans {
  private OpenPlans() {}

  /** The ids of the open plan workflows of {@code taskQueue}, oldest first. */
  public static List<String> list(WorkflowClient client, String taskQueue) {
    List<WorkflowExecutionInfo> open = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(PlanWorkflow.TYPE))
                      .setMaximumPageSize(1000)
                      .setNextPageToken(page)
                      .build());
      open.addAll(response.getExecutionsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return open.stream()
        .filter(e -> e.getTaskQueue().isEmpty() || e.getTaskQueue().equals(taskQueue))
        .sorted(java.util.Comparator.comparingLong(e -> e.getStartTime().getSeconds()))
        .map(e -> e.getExecution().getWorkflowId())
        .toList();
  }
}
