import { describe, expect, it } from "vitest";
import { adaptiveCard, noticeCard, typedSection, typedText } from "../../cards/card";
import { cardTexts, expectValidCard, textRunWith } from "../support/cards";
import { EVIL_LINK } from "../support/typedText";

describe("typed text helper", () => {
  it("puts typed text in a TextRun (never read as Markdown), with the block's spacing on the block and the look on the run", () => {
    expect(typedText(EVIL_LINK, { spacing: "None", separator: true, size: "Small", isSubtle: true })).toEqual({
      type: "RichTextBlock",
      spacing: "None",
      separator: true,
      inlines: [{ type: "TextRun", text: EVIL_LINK, size: "Small", isSubtle: true }],
    });
  });

  it("puts our label in a bold run of its own before the typed text", () => {
    expect(typedText(EVIL_LINK, { label: "Advice: ", color: "Good" }).inlines).toEqual([
      { type: "TextRun", text: "Advice: ", color: "Good", weight: "Bolder" },
      { type: "TextRun", text: EVIL_LINK, color: "Good" },
    ]);
  });

  it("leaves out an empty run, and the card still parses", () => {
    expect(typedText("", { label: "Note: " }).inlines).toHaveLength(1);
    expectValidCard(adaptiveCard([typedText(""), ...typedSection("Question", `**${EVIL_LINK}**\n- item\r1. one`)]));
  });

  it("shows a notice card's message, which may quote typed text, in a TextRun", () => {
    const card = noticeCard(`Your message seems to include a name (S** J****) ${EVIL_LINK}.`);
    expectValidCard(card);
    expect(textRunWith(card, EVIL_LINK)).toMatchObject({ color: "Attention" });
    expect(cardTexts(card).formatted.join("\n")).not.toContain("evil.example");
  });
});
