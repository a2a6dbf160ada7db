import fc from "fast-check";

/** A typed link that Markdown would make live: the examples check it stays text. */
export const EVIL_LINK = "[link](https://evil.example)";

/** Pieces of Markdown (and line breaks) that Teams would act on in a TextBlock or fact. */
const MARKDOWN = [EVIL_LINK, "[x](javascript:alert(1))", "<https://evil.example>", "**", "__", "_", "*", "~~", "`", "# ", "> ", "- ", "* ", "1. ", "\n", "\r", "\r\n", "\n\n- item", "\n1. first", "![img](https://evil.example/i.png)"];

/** Arbitrary text with Markdown in it, as someone might type (at most about 400 characters). */
export const markdownish = fc
  .array(fc.oneof(fc.constantFrom(...MARKDOWN), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12, unit: "grapheme" })), { maxLength: 20 })
  .map((parts) => parts.join(""));

/**
 * One typed value: a marker naming the field (so a test can tell it apart from our own words), then
 * arbitrary Markdown. Typed text is stored trimmed, so the marker stays at its start.
 */
export const typed = (field: string) => markdownish.map((md) => `${typedMarker(field)}${md}`);
export const typedMarker = (field: string) => `typed-${field}:`;
