import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser } from "playwright-core";
import { getRuntime } from "../../app/composition";
import { createLogger } from "../../app/log";
import { startDevHost, type DevHost } from "../../devhost/devHost";
import { HOST_QUEUE_DEFAULTS } from "../../devhost/queueRunner";
import type { RunningPlayground } from "../../devhost/playground";
import { registrations } from "../../functions/registrations";
import { chromiumAvailable, launchBrowser, PlaygroundPage, startPlaygroundAs } from "../support/playgroundDriver";
import { uniquePrefix } from "../support/storage";

describe.runIf(chromiumAvailable())("playground end to end: a SENCO's personal chat", () => {
  let host: DevHost;
  let playground: RunningPlayground;
  let browser: Browser;
  let ui: PlaygroundPage;

  beforeAll(async () => {
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = "error";
    host = await startDevHost(registrations, { port: 0, log: createLogger("error"), queues: (await getRuntime()).deps.queues, queueOptions: { ...HOST_QUEUE_DEFAULTS, pollMs: 200 } });
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200); // builds the runtime before the first activity
    playground = await startPlaygroundAs(`${host.url}/api/messages`);
    browser = await launchBrowser();
    ui = await PlaygroundPage.open(browser, playground.url);
    await ui.openConversation("Personal Chat");
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await host?.close();
  });

  it("welcomes Sam Senco by name when the chat opens", async () => {
    const started = Date.now();
    const [welcome] = await ui.waitForBotMessages(1, 30_000);
    console.info(`welcome shown after ${Date.now() - started} ms`);
    expect(welcome?.cardText).toContain("Welcome to SEND Early Help");
    expect(welcome?.cardText).toContain("Hello Sam Senco");
  });

  it("answers help with what a SENCO can do", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("help");
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.cardText).toContain("registered with Wiltshire Council (demo) as: SENCO");
  });

  it("round-trips a card button: My details replaces the help card in place", async () => {
    const before = (await ui.botMessages()).length;
    await ui.lastCard().getByRole("button", { name: "My details" }).click();
    await ui.lastCard().getByText("Riverside Primary School (demo)").waitFor();
    expect((await ui.botMessages()).length).toBe(before);
  });

  it("answers small talk with what it can do, without repeating it", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("thanks");
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.text).toContain("Hello Sam Senco. Here is what I can help with");
    expect(messages.at(-1)?.text).toContain("Ask the advice line");
  });
});
