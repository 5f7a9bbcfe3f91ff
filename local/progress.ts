import { ActionEvent } from "./engine/runOptions";

/** Where progress goes: a terminal (stderr); nothing is drawn when it is not one. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** `backup m10000: 4,210 of 10,000 objects, 412/s, about 14 s left`. */
export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const left = rate > 0 && total > done ? `, about ${Math.ceil((total - done) / rate)} s left` : "";
  return `${label}: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} objects, ${Math.round(rate).toLocaleString("en-US")}/s${left}`;
}

/**
 * A one-line progress display for long runs: objects done of total, rate, time left, redrawn at most every
 * `intervalMs` on a terminal. Objects are counted as their Key Vault call ends (each repetition of the
 * object-call action), so retries inside a call do not count twice.
 */
export class Progress {
  private label = "";
  private total = 0;
  private doneCount = 0;
  private started = 0;
  private drawn = 0;
  private active = false;

  constructor(
    private readonly out: ProgressStream,
    private readonly intervalMs = 250,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get enabled(): boolean {
    return this.out.isTTY === true;
  }

  /** Start counting a run; hand the result to RunOptions.onAction. */
  watch(label: string, total: number, objectCalls: ReadonlySet<string>): (event: ActionEvent) => void {
    this.label = label;
    this.total = total;
    this.doneCount = 0;
    this.started = this.now();
    this.drawn = 0;
    this.active = true;
    return (event) => {
      if (event.status === "Skipped" || !objectCalls.has(event.name)) return;
      this.doneCount++;
      if (this.enabled && this.now() - this.drawn >= this.intervalMs) this.draw();
    };
  }

  /** The last line, kept on screen. */
  done(): void {
    if (!this.enabled || !this.active) return;
    this.draw();
    this.out.write("\n");
    this.active = false;
  }

  private draw(): void {
    this.drawn = this.now();
    this.out.write(`\r\x1b[2K${progressLine(this.label, this.doneCount, this.total, this.now() - this.started)}`);
  }
}
