import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser } from "playwright-core";
import { getRuntime } from "../../app/composition";
import { createLogger } from "../../app/log";
import { claimRequest } from "../../usecases/triageSteps";
import { startDevHost, type DevHost } from "../../devhost/devHost";
import { HOST_QUEUE_DEFAULTS } from "../../devhost/queueRunner";
import type { RunningPlayground } from "../../devhost/playground";
import { registrations } from "../../functions/registrations";
import { demoPack, demoPerson } from "../support/activities";
import { chromiumAvailable, launchBrowser, PlaygroundPage, startPlaygroundAs } from "../support/playgroundDriver";
import { uniquePrefix } from "../support/storage";

describe.runIf(chromiumAvailable())("playground end to end: the advice line as the demo SENCO", () => {
  let host: DevHost;
  let playground: RunningPlayground;
  let browser: Browser;
  let ui: PlaygroundPage;
  let reference = "";

  beforeAll(async () => {
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = "error";
    host = await startDevHost(registrations, { port: 0, log: createLogger("error"), queues: (await getRuntime()).deps.queues, queueOptions: { ...HOST_QUEUE_DEFAULTS, pollMs: 200 } });
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
    playground = await startPlaygroundAs(`${host.url}/api/messages`);
    browser = await launchBrowser();
    ui = await PlaygroundPage.open(browser, playground.url);
    await ui.openConversation("Personal Chat");
    await ui.waitForBotMessages(1, 30_000); // the welcome
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await host?.close();
  });

  it("answers a free-text question with relevant strategies", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("Year 4 boy, reading well below peers, we've tried phonics catch-up for a term");
    const sent = Date.now(); // after the Send click: what the SENCO waits for
    const messages = await ui.waitForBotMessages(before + 1);
    console.info(`advice card shown ${Date.now() - sent} ms after pressing Send`);
    const card = messages.at(-1)?.cardText ?? "";
    expect(card).toContain("Early advice from the council's guidance");
    expect(card).toMatch(/read|phonic|literacy|dyslexi/i);
    expect(card).toContain("Source:");
  });

  it("escalates to an inclusion advisor with a reference", async () => {
    await ui.lastCard().getByRole("button", { name: "Ask an inclusion advisor" }).click();
    await ui.lastCard().getByText("Check the details, then send").waitFor();
    await ui.choose(ui.lastCard(), "Do you think this child may be at risk of harm?", "No");
    await ui.lastCard().getByRole("button", { name: "Send to an inclusion advisor" }).click();
    await ui.lastCard().getByText("Sent to the inclusion team").waitFor();
    reference = /EH-\d{4}-\d{4}/.exec((await ui.lastCard().innerText()) ?? "")?.[0] ?? "";
    expect(reference).toMatch(/^EH-2026-\d{4}$/);
  });

  it("shows the request in 'my requests'", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("my requests");
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.cardText).toContain(reference);
    expect(messages.at(-1)?.cardText).toContain("Waiting for an advisor");
  });

  it("tells the SENCO in this chat when an advisor takes it", async () => {
    const before = (await ui.botMessages()).length;
    const rt = await getRuntime();
    await claimRequest(rt.deps.requests, { person: demoPerson("Ada Advisor"), area: demoPack }, reference);
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.cardText).toContain(`Update on ${reference}`);
    expect(messages.at(-1)?.cardText).toContain("Ada Advisor is looking at this request");
  });

  it("refuses a question with a pupil identifier, saying why", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("Advice for Jack Smith, NHS number 943 476 5919, who has glue ear");
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.cardText).toContain("Please remove the child's details");
  });

  it("gives the safeguarding route for a disclosure", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("He told me his dad hits him when he gets home");
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.cardText).toContain("This sounds like a safeguarding concern");
    expect(messages.at(-1)?.cardText).toContain("999");
  });

  it("asks 'is this child safe?' on a possible concern, and Yes gives the safeguarding route", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("Year 6 boy, he flinches a lot in PE, what can help his coordination?");
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.cardText).toContain("Do you think this child may be at risk of harm?");
    expect(messages.at(-1)?.cardText).toContain("Your message mentions");
    await ui.lastCard().getByRole("button", { name: "Yes, they may be at risk" }).click();
    await ui.lastCard().getByText("This sounds like a safeguarding concern").waitFor();
    expect(await ui.lastCard().innerText()).toContain("999");
  });

  it("gives the advice when the SENCO says No, this is about their needs", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("Year 6 boy, he flinches a lot in PE, what can help his coordination?");
    await ui.waitForBotMessages(before + 1);
    await ui.lastCard().getByRole("button", { name: "No, this is about their needs" }).click();
    await ui.lastCard().getByText("Early advice from the council's guidance").waitFor();
    expect(await ui.lastCard().innerText()).toContain("Source:");
  });

  it("answers ordinary school avoidance with advice, not the safeguarding route", async () => {
    const before = (await ui.botMessages()).length;
    await ui.send("Year 8, he's been missing school since Easter. Ideas for attendance?");
    const messages = await ui.waitForBotMessages(before + 1);
    expect(messages.at(-1)?.cardText).toContain("Early advice from the council's guidance");
    expect(messages.at(-1)?.cardText).not.toContain("safeguarding concern");
  });
});
