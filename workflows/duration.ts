const ISO_DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** ISO 8601 duration (`PT7S`, `P1D`, `PT1H30M`) in milliseconds; months and years as 30 and 365 days. */
export function durationMs(text: string, field: string): number {
  const m = ISO_DURATION.exec(text);
  if (!m || text === "P" || text.endsWith("T")) throw new Error(`${field}: '${text}' is not an ISO 8601 duration such as PT5S or P1D`);
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const days = y * 365 + mo * 30 + w * 7 + d;
  return ((days * 24 + h) * 60 + mi) * 60_000 + s * 1000;
}

/** Whether `text` is an ISO 8601 duration durationMs() accepts. */
export function isDuration(text: unknown): text is string {
  if (typeof text !== "string") return false;
  try {
    durationMs(text, "");
    return true;
  } catch {
    return false;
  }
}
