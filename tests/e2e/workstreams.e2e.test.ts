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

const CHANNEL = { id: "channel-right-support", name: "Workstream - Right support at the right time" };
const CHANNEL_ITEM = `Wiltshire SEND Partnership - ${CHANNEL.name}`;
const ACTION = "Run the SEND early help advice and guidance line for schools";

/** Leo Lead in the workstream channel, and Ada Advisor (not a lead) in the same channel elsewhere. */
describe.runIf(chromiumAvailable())("playground end to end: workstream action cards", () => {
  let host: DevHost;
  let leoSide: RunningPlayground;
  let adaSide: RunningPlayground;
  let browser: Browser;
  let leo: PlaygroundPage;
  let ada: PlaygroundPage;

  const leoCard = (): Locator => leo.page.locator(".ac-adaptiveCard").filter({ hasText: ACTION }).last();
  const adaCard = (): Locator => ada.page.locator(".ac-adaptiveCard").filter({ hasText: ACTION }).last();

  beforeAll(async () => {
    process.env.STORAGE_CONNECTION_STRING = inject("storageConnectionString");
    process.env.TABLE_PREFIX = uniquePrefix();
    process.env.LOG_LEVEL = "error";
    host = await startDevHost(registrations, { port: 0, log: createLogger("error"), timers: false, queues: (await getRuntime()).deps.queues, queueOptions: { ...HOST_QUEUE_DEFAULTS, pollMs: 200 } });
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200);
    [leoSide, adaSide] = await Promise.all([
      startPlaygroundAs(`${host.url}/api/messages`, "Leo Lead", CHANNEL),
      startPlaygroundAs(`${host.url}/api/messages`, "Ada Advisor", CHANNEL),
    ]);
    browser = await launchBrowser();
    leo = await PlaygroundPage.open(browser, leoSide.url);
    await leo.openConversation(CHANNEL_ITEM);
    await leo.page.getByText("has joined this team").first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([leoSide?.stop(), adaSide?.stop()]);
    await host?.close();
  });

  it("the lead links the channel and the actions appear as cards", async () => {
    await leo.postToBot("link this channel to Right support at the right time");
    await leoCard().waitFor({ timeout: 20_000 });
    expect(await leoCard().innerText()).toContain("Green");
  });

  it("the lead changes Green to Amber with a reason; the card refreshes in place", async () => {
    await leoCard().getByRole("button", { name: "Update" }).click();
    await leoCard().getByText("Update this action").waitFor();
    await leo.choose(leoCard(), "RAG rating", "Amber");
    await leoCard().getByLabel("Reason for the rating (needed for Amber or Red)").fill("Two advisors are off sick until January");
    await leoCard().getByRole("button", { name: "Save update" }).click();
    await leoCard().getByText("Saved. Thank you.").waitFor();
    const text = await leoCard().innerText();
    expect(text).toContain("Amber");
    expect(text).toContain("Two advisors are off sick until January");
    expect(text).not.toContain("Update this action");
  });

  it("the history shows the change", async () => {
    await leoCard().getByRole("button", { name: "History" }).click();
    await leo.page.getByText("Leo Lead: RAG Green → Amber").first().waitFor();
  });

  it("another demo user sees a read-only card: the server refuses their edit", async () => {
    ada = await PlaygroundPage.open(browser, adaSide.url);
    await ada.openConversation(CHANNEL_ITEM);
    await ada.page.getByText("has joined this team").first().waitFor({ timeout: 30_000 });
    await ada.postToBot("actions");
    await adaCard().waitFor({ timeout: 20_000 });
    expect(await adaCard().innerText()).toContain("Two advisors are off sick until January");
    await adaCard().getByRole("button", { name: "Update" }).click();
    await adaCard().getByText("Only this workstream's leads and the programme office can update this action.").waitFor();
    expect(await adaCard().getByRole("button", { name: "Save update" }).count()).toBe(0);
  });

  it("the lead's update with a pupil number is refused, saying why, and keeps what was typed", async () => {
    // A channel shows the newest post first: the card the "actions" command posts is the first.
    const before = await leo.page.locator(".ac-adaptiveCard").count();
    await leo.postToBot("actions");
    await leo.page.waitForFunction((n) => document.querySelectorAll(".ac-adaptiveCard").length > n, before, { timeout: 20_000 });
    const card = () => leo.page.locator(".ac-adaptiveCard").filter({ hasText: ACTION }).first();
    await card().getByRole("button", { name: "Update" }).click();
    await card().getByText("Update this action").waitFor();
    const reason = "Pupil UPN D865200124017 still waiting for a place";
    await card().getByLabel("Reason for the rating (needed for Amber or Red)").fill(reason);
    await card().getByRole("button", { name: "Save update" }).click();
    await card().getByText("Not saved: this update includes details that could identify a pupil.").waitFor();
    expect(await card().innerText()).toContain("unique pupil number");
    expect(await card().getByLabel("Reason for the rating (needed for Amber or Red)").inputValue()).toBe(reason);
  });
});
