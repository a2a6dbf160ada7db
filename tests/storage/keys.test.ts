import { describe, expect, it } from "vitest";
import { compositeKey, decodeKey, encodeKey, invertedTime } from "../../storage/keys";

describe("table keys", () => {
  it("encodes every character Table storage forbids, reversibly", () => {
    const raw = "msteams/conversations/19:abc@thread.tacv2;messageid=1#x?y\\z%";
    const encoded = encodeKey(raw);
    expect(encoded).not.toMatch(/[/\\#?]/);
    expect(decodeKey(encoded)).toBe(raw);
  });

  it("keeps a | inside a part distinct from the separator", () => {
    expect(compositeKey("a|b", "c")).not.toBe(compositeKey("a", "b|c"));
  });

  it("sorts newer times first", () => {
    const older = invertedTime(new Date("2026-01-01T00:00:00Z"));
    const newer = invertedTime(new Date("2026-06-01T00:00:00Z"));
    expect(newer < older).toBe(true);
    expect(newer).toHaveLength(older.length);
  });
});
