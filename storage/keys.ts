/**
 * Table keys may not contain / \ # ? or control characters. Ids from Teams (conversation ids,
 * channel ids) often do, so every key part is percent-encoded reversibly before use.
 */
export function encodeKey(part: string): string {
  // eslint-disable-next-line no-control-regex
  return part.replace(/[%/\\#?\u0000-\u001f\u007f-\u009f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}`);
}

export function decodeKey(part: string): string {
  return part.replace(/%([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
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
