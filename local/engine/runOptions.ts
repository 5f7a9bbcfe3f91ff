import { ActionThrottle } from "./actionThrottle";
import { Connector } from "./connector";
import { RunLimits } from "./runLimits";
import { ExpressionLimitReading, LoopResultReading } from "./expression/scope";

export interface ActionEvent {
  name: string;
  status: string;
  /** Iteration indexes of the enclosing loops, outermost first. */
  path: number[];
}

export interface ManagedIdentity {
  /** The identity's object (principal) id. */
  principalId: string;
  /** Its tenant; default the emulators' tenant. */
  tenantId?: string;
}

export interface RunOptions {
  /** Workflow parameter values by name (plain values, not `{value}` wrappers). */
  parameters?: Record<string, unknown>;
  /** Which trigger fires (default: the only one) and, for a Request trigger, what the caller sent. */
  trigger?: { name?: string; body?: unknown; headers?: Record<string, string> };
  /** Managed connectors by API name: the last segment of a `$connections` entry's `id`, e.g. `azureblob`. */
  connectors?: Record<string, Connector>;
  /** Multiplies every wait (retry intervals, Until timeouts) so tests run fast with the same semantics. Default 1. */
  timeScale?: number;
  /** Clock for utcNow() and the run record. */
  now?: () => Date;
  /** For retry jitter and guid(); seed it for reproducible runs. */
  random?: () => number;
  workflowName?: string;
  /** The run's id, when a host assigns it before the run starts (it answers the trigger with it). */
  runId?: string;
  /**
   * The workflow's system-assigned managed identity: the tokens its Http actions get carry this object id
   * (`oid`), which a vault's access policies are matched against. Default: one derived from workflowName.
   * null: the workflow has no managed identity, and an action that authenticates with one fails.
   */
  identity?: ManagedIdentity | null;
  /**
   * Which functions the 131,072-character expression evaluation limit covers; default "strict" (the two
   * decoders too), because a local run kinder than Azure would hide a failure.
   */
  expressionLimit?: ExpressionLimitReading;
  /**
   * The shape of result() over a Foreach; default "documented" (the functions reference's example). Run a
   * definition under both: which one Azure answers is unconfirmed.
   */
  loopResults?: LoopResultReading;
  /**
   * Whether Http actions may reach hosts other than loopback. Default false: a definition run with its
   * Azure parameters (a real vault URL) is refused before any request leaves the machine.
   */
  allowRemoteHosts?: boolean;
  /**
   * Hosts that stand for local servers: an Http action to `https://<host>/...` is sent to the mapped base URL
   * instead (for example a vault's `*.vault.azure.net` name to its emulator), so a workflow runs with the
   * parameters exactly as deployed. The loopback rule applies to where the request really goes.
   */
  hostRoutes?: Record<string, string>;
  /**
   * Whether the workflow is linked to an integration account. Default true. When false, a definition with
   * JavaScriptCode never starts, as Azure requires the link for inline code.
   */
  integrationAccountLinked?: boolean;
  /**
   * The workflow's action-execution rate (Consumption: 100,000 per 5 minutes, on the scaled clock). Default: a
   * throttle of its own for this run; a host passes one shared by the workflow's runs, a test a lower rate.
   */
  actionThrottle?: ActionThrottle;
  /**
   * Azure's run-time limits, some lowered (never raised) so a test reaches them with a few thousand objects:
   * action content, variable size and items, Foreach items, expression results, Until cycles.
   */
  limits?: Partial<RunLimits>;
  /** Called after each action execution (progress display). */
  onAction?: (event: ActionEvent) => void;
}
