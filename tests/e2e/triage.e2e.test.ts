import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, Locator } from "playwright-core";
import { getRuntime } from "../../app/composition";
import { createLogger } from "../../app/log";
import { startDevHost, type DevHost } from "../../devhost/devHost";
import { HOST_QUEUE_DEFAULTS } from "../../devhost/queueRunner";
import type { RunningPlayground } from "../../devhost/playground";
import { registrations } from "../../functions/registrations";
import { chromiumAvailable, launchBrowser, PlaygroundPage, startPlaygroundAs } from "../support/playgroundDriver";
import { uniquePrefix } from "../support/storage";

/**
 * Two playground clients on one bot, as in real Teams: Sam Senco in his personal chat, and Ada
 * Advisor in the team's triage channel. Each card action goes through the real invoke path.
 */
describe.runIf(chromiumAvailable())("playground end to end: triage from the channel", () => {
  let host: DevHost;
  let schoolSide: RunningPlayground;
  let councilSide: RunningPlayground;
  let browser: Browser;
  let sam: PlaygroundPage;
  let ada: PlaygroundPage;
  let reference = "";
  const TRIAGE_CHANNEL = "Wiltshire SEND Partnership - Early help triage";

  const triageCard = (): Locator => ada.page.locator(".ac-adaptiveCard").filter({ hasText: `${reference}` }).filter({ hasText: "Question" }).last();
  const samLastCard = (): Locator => sam.page.locator(".ac-adaptiveCard").last();

  beforeAll(async () => {
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = process.env.E2E_LOG_LEVEL ?? "error";
    host = await startDevHost(registrations, { port: 0, log: createLogger("error"), timers: false, queues: (await getRuntime()).deps.queues, queueOptions: { ...HOST_QUEUE_DEFAULTS, pollMs: 200 } });
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
    [schoolSide, councilSide] = await Promise.all([
      startPlaygroundAs(`${host.url}/api/messages`),
      startPlaygroundAs(`${host.url}/api/messages`, "Ada Advisor"),
    ]);
    browser = await launchBrowser();
    ada = await PlaygroundPage.open(browser, councilSide.url);
    await ada.openConversation(TRIAGE_CHANNEL); // installs the bot in the team: it reads the channel list
    await ada.page.getByText("has joined this team").first().waitFor({ timeout: 30_000 });
    sam = await PlaygroundPage.open(browser, schoolSide.url);
    await sam.openConversation("Personal Chat");
    await sam.waitForBotMessages(1, 30_000);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([schoolSide?.stop(), councilSide?.stop()]);
    await host?.close();
  });

  it("posts the SENCO's request to the triage channel with the suggested advisor", async () => {
    await sam.send("Year 4 boy, reading well below peers, we've tried phonics catch-up for a term");
    await samLastCard().getByText("Early advice from the council's guidance").waitFor();
    await samLastCard().getByRole("button", { name: "Ask an inclusion advisor" }).click();
    await sam.choose(samLastCard(), "Do you think this child may be at risk of harm?", "No");
    await samLastCard().getByRole("button", { name: "Send to an inclusion advisor" }).click();
    await samLastCard().getByText("Sent to the inclusion team").waitFor();
    reference = /EH-\d{4}-\d{4}/.exec(await samLastCard().innerText())?.[0] ?? "";
    expect(reference).toMatch(/^EH-2026-\d{4}$/);
    await triageCard().waitFor({ timeout: 15_000 });
    expect(await triageCard().innerText()).toContain("suggested: Ada Advisor");
  });

  it("the advisor claims it and the SENCO's chat says so", async () => {
    await triageCard().getByRole("button", { name: "Claim", exact: true }).click();
    await triageCard().getByText("With an advisor").first().waitFor();
    await sam.page.getByText("Ada Advisor is looking at this request").waitFor();
  });

  it("the advisor asks the school; the SENCO answers from the card in their chat", async () => {
    await triageCard().getByRole("button", { name: "Ask the school" }).click();
    await triageCard().getByLabel("Your question for the school").fill("How long are the phonics sessions, and how often?");
    await triageCard().getByRole("button", { name: "Send question" }).click();
    await triageCard().getByText("Waiting for more information from school").first().waitFor();
    const ask = sam.page.locator(".ac-adaptiveCard").filter({ hasText: "How long are the phonics sessions" }).last();
    await ask.waitFor();
    await ask.getByLabel("Your answer").fill("Twenty minutes, four times a week.");
    await ask.getByRole("button", { name: "Send answer" }).click();
    await sam.page.getByText("Added. The advisor will see it.").waitFor();
    await triageCard().getByText("The school answered the advisor's question").first().waitFor();
  });

  it("the advisor sends advice and closes it; each step reaches the SENCO; the history is in order", async () => {
    await triageCard().getByRole("button", { name: "Send advice" }).first().click();
    await triageCard().getByLabel("Advice for the school").fill("Try precision teaching of high-frequency words, reviewed after six weeks.");
    await triageCard().getByRole("button", { name: "Send advice" }).last().click();
    await triageCard().getByText("Advice sent").first().waitFor();
    await sam.page.getByText("Try precision teaching of high-frequency words").first().waitFor();

    await triageCard().getByRole("button", { name: "Close" }).click();
    await ada.choose(triageCard(), "Outcome", "Advice given");
    await triageCard().getByRole("button", { name: "Close request" }).click();
    await triageCard().getByText(/closed this request: advice given/).first().waitFor(); // the card itself, not the Close form's label
    await sam.page.getByText("closed this request: advice given").waitFor();

    const history = await triageCard().innerText();
    const order = ["Request sent to the inclusion team", "Ada Advisor is looking at this request", "asked the school", "The school answered", "sent advice", "closed this request"];
    const positions = order.map((s) => history.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
