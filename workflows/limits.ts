/**
 * Azure's documented limits for Logic Apps (Consumption, multitenant), in one place: the validator checks
 * the save-time ones, the local engine enforces the run-time ones. Source, unless a line says otherwise:
 * MicrosoftDocs/azure-docs articles/logic-apps/logic-apps-limits-and-config.md.
 */
export const LIMITS = {
  // Definition limits (checked when a definition is saved).
  /**
   * The limits page says 500; the definition-language reference says 250. The validator holds definitions
   * to 500 and the project's own definitions are tested to stay under 250, so either reading holds.
   */
  actionsPerWorkflow: 500,
  triggersPerWorkflow: 10,
  parametersPerWorkflow: 50,
  outputsPerWorkflow: 10,
  variablesPerWorkflow: 250,
  switchCases: 25,
  descriptionCharacters: 256,
  /** 8,000 in the current limits page (16,000 in its 2019 edition); the stricter one holds. */
  trackedPropertiesCharacters: 8000,
  /**
   * Counted with top-level actions at depth 1, so an action inside 8 containers is refused. Azure's error
   * ("nested at level '9' which exceeds the maximum nesting limit of '8'", seen in Power Automate) does not
   * say where it starts counting; if at 0, Azure accepts one level more than the validator.
   */
  nestingDepth: 8,
  expressionCharacters: 8192,
  /** Inline code (JavaScriptCode) in Consumption: characters of code, and its run time. */
  inlineCodeCharacters: 1024,
  inlineCodeTimeoutMs: 5000,
  untilCount: 5000,
  foreachConcurrency: 50,
  /** Trigger concurrency runs and waiting runs, once concurrency is on (multitenant). */
  triggerConcurrency: 100,
  retryCount: 90,
  /** Retry intervals: PT5S to P1D (logic-apps-exception-handling.md, "Retry policies"). */
  retryIntervalMinMs: 5_000,
  retryIntervalMaxMs: 86_400_000,

  // Run-time defaults.
  foreachDefaultConcurrency: 20,
  untilDefaultCount: 60,
  untilDefaultTimeout: "PT1H",
  /** Outbound HTTP request timeout. */
  httpRequestTimeoutMs: 120_000,

  /**
   * Throughput: action executions per 5-minute rolling interval of one workflow, multitenant ("Throughput
   * limits"; 300,000 in high-throughput mode, a preview). Past it the workflow is throttled (the "Action
   * Throttled Events" metric of handle-throttling-problems-429-errors.md); the engine delays the next action.
   */
  actionExecutionsPerWindow: 100_000,
  actionExecutionWindowMs: 300_000,

  // Run-time data limits.
  /** One trigger's or action's input, or its output, in bytes. */
  actionContentBytes: 104_857_600,
  /** An action's inputs and outputs together, in bytes. */
  actionTotalBytes: 209_715_200,
  /** The content of one variable, in characters. */
  variableCharacters: 104_857_600,
  arrayVariableItems: 100_000,
  foreachItems: 100_000,
  /** What one expression may produce: stated for concat(), base64() and string(). */
  expressionResultCharacters: 131_072,
  /**
   * A managed connector call reads or writes at most this much without chunking; Blob actions that
   * chunk (runtimeConfiguration.contentTransfer.transferMode Chunked) go up to chunkedTransferBytes.
   * articles/connectors/connectors-create-api-azureblobstorage.md, logic-apps-handle-large-messages.md.
   */
  connectorCallBytes: 50 * 1024 * 1024,
  chunkedTransferBytes: 1024 * 1024 * 1024,
} as const;
