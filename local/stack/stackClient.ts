/** A run as the Logic Apps runs API answers it. */
export interface ArmRun {
  name: string;
  properties: { status: string; startTime: string; endTime?: string; error?: { code: string; message: string } };
}

export type StackWorkflow = "backup" | "restore";

/**
 * What a user of a stack does, through its URLs only: POST a workflow's trigger URL, then read the run and
 * its actions in the runs API, as they would in Azure. Built from the outputs `kvbr up` prints.
 */
export class StackClient {
  constructor(private readonly outputs: Record<string, unknown>) {}

  /** POST the trigger URL; the run's id from `x-ms-workflow-run-id`. */
  async trigger(which: StackWorkflow, body: unknown = {}): Promise<string> {
    const res = await fetch(String(this.outputs[`${which}TriggerUrl`]), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const runId = res.headers.get("x-ms-workflow-run-id");
    if (res.status !== 202 || !runId) throw new Error(`POST ${which} trigger: HTTP ${res.status} ${await res.text()}`);
    return runId;
  }

  runUrl(which: StackWorkflow, runId: string, rest = ""): string {
    const o = this.outputs;
    const workflow = `${String(o.managementUrl)}/subscriptions/${String(o.subscriptionId)}/resourceGroups/${String(o.resourceGroupName)}/providers/Microsoft.Logic/workflows/${String(o[`${which}WorkflowName`])}`;
    return `${workflow}/runs/${runId}${rest}?api-version=2016-06-01`;
  }

  async get<T>(url: string): Promise<T> {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${String(this.outputs.operatorManagementToken)}` } });
    if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** Poll the run until it is no longer Running or Waiting. */
  async follow(which: StackWorkflow, runId: string, everyMs = 50): Promise<ArmRun> {
    for (;;) {
      const run = await this.get<ArmRun>(this.runUrl(which, runId));
      if (run.properties.status !== "Running" && run.properties.status !== "Waiting") return run;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }

  /** An action's outputs, read through its outputsLink as in Azure. */
  async outputsOf(which: StackWorkflow, runId: string, action: string): Promise<unknown> {
    const found = await this.get<{ properties: { outputsLink?: { uri: string } } }>(this.runUrl(which, runId, `/actions/${action}`));
    if (!found.properties.outputsLink) return undefined;
    return (await fetch(found.properties.outputsLink.uri)).json();
  }
}
