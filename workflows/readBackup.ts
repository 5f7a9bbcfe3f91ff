import { ActionHandle } from "./builder";
import { Variable, appendToString, foreach, ifThen, parseJson } from "./actions";
import { JsonObject } from "./definition";
import { add, base64ToString, body, call, contains, div, empty, equals, ifElse, length, min, mul, range, sub, substring, variables } from "./expr";

/**
 * Base64 text decoded a piece at a time stays within the 131,072-character expression evaluation limit
 * whichever functions it covers: 174,760 characters (a multiple of 4) decode to 131,070. A document is
 * ASCII (names, base64url values, URLs), so a piece never splits a character.
 */
export const DECODE_PIECE_CHARACTERS = 174_760;

/**
 * Read a downloaded JSON blob into the ParseJson that checks it, whichever shape the connector hands back:
 * the `$content` envelope (observed) is decoded piece by piece into a string variable, in order; a parsed
 * object (as documented) or a string goes to ParseJson as it is. No single expression ever produces or
 * parses the whole document, so the 131,072-character limit holds under either reading. `text` must be
 * empty when this starts (reset it first when reading more than one blob).
 */
export function readJsonBlob(stem: string, get: ActionHandle, text: Variable, schema: JsonObject): { steps: ActionHandle[]; decode: ActionHandle } {
  const content = body(get).prop("$content");
  const pieces = add(div(length(content), DECODE_PIECE_CHARACTERS), ifElse(equals(call("mod", length(content), DECODE_PIECE_CHARACTERS), 0), 0, 1));
  const read = foreach(
    `Decode_${stem}_pieces`,
    range(0, pieces),
    (index) => {
      const start = mul(index, DECODE_PIECE_CHARACTERS);
      return [appendToString(`Append_${stem}_piece`, text, base64ToString(substring(content, start, min(DECODE_PIECE_CHARACTERS, sub(length(content), start)))))];
    },
    { concurrency: 1 },
  );
  const enveloped = ifThen(`Check_${stem}_encoding`, contains(body(get), "$content"), [read]).after(get, "Succeeded");
  const decode = parseJson(`Decode_${stem}`, ifElse(empty(variables(text)), body(get), variables(text)), schema, { secureInputs: true }).after(enveloped, "Succeeded");
  return { steps: [enveloped], decode };
}
