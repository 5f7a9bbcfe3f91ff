/**
 * A template expression could not be evaluated; the message reads like the detail of Azure's InvalidTemplate
 * errors. It lives in its own module so the function implementations can throw it without importing the
 * evaluator that imports them; evaluate.ts re-exports it for the engine.
 */
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EvaluationError";
  }
}
