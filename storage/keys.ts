/**
 * Table keys may not contain / \ # ? or control characters. Ids from Teams (conversation ids,
 * channel ids) often do, so every key part is percent-encoded reversibly before use. A lone
 * surrogate (not valid UTF-16, so not storable as sent) becomes %uXXXX; "%" itself is always
 * encoded, so the two escape forms cannot be confused and keys stored before %u stay the same.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[%/\\#?\u0000-\u001f\u007f-\u009f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function encodeKey(part: string): string {
  return part.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    const hex = code.toString(16).toUpperCase();
    return code > 0xff ? `%u${hex.padStart(4, "0")}` : `%${hex.padStart(2, "0")}`;
  });
}

export function decodeKey(part: string): string {
  return part.replace(/%(?:u([0-9A-F]{4})|([0-9A-F]{2}))/g, (_m, wide: string | undefined, narrow: string | undefined) =>
    String.fromCharCode(parseInt(wide ?? narrow ?? "", 16)),
  );
}

/** Joins already-meaningful parts with "|" after encoding each (so a "|" inside a part stays distinct). */
export function compositeKey(...parts: string[]): string {
  return parts.map((p) => encodeKey(p).replace(/\|/g, "%7C")).join("|");
}

/** Sorts newest first in a partition scan: RowKeys ascend, so invert the timestamp. */
export function invertedTime(date: Date): string {
  return (8_640_000_000_000_000 - date.getTime()).toString().padStart(19, "0");
}

/** OData string literal for a filter, with quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
