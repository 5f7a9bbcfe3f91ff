/**
 * The size of a value as the runtime carries it: its JSON text in UTF-8 bytes. Objects and arrays are
 * measured once and remembered: the engine never changes a value after an action produced it (appends and
 * sets make new arrays), and loops read the same large values again and again.
 */
const measured = new WeakMap<object, number>();

/** Printable ASCII without `"` or `\`: its JSON text is the string plus two quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function stringSize(text: string): number {
  return PLAIN.test(text) ? text.length + 2 : Buffer.byteLength(JSON.stringify(text), "utf8");
}

export function jsonSize(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null) return 4;
  switch (typeof value) {
    case "string":
      return stringSize(value);
    case "number":
    case "boolean":
      return JSON.stringify(value).length;
    case "object": {
      const known = measured.get(value);
      if (known !== undefined) return known;
      let size = 2;
      if (Array.isArray(value)) {
        value.forEach((item, i) => (size += (i > 0 ? 1 : 0) + (item === undefined ? 4 : jsonSize(item))));
      } else {
        let first = true;
        for (const [key, item] of Object.entries(value)) {
          if (item === undefined) continue;
          size += (first ? 0 : 1) + stringSize(key) + 1 + jsonSize(item);
          first = false;
        }
      }
      measured.set(value, size);
      return size;
    }
    default:
      return 0;
  }
}
