import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { startPlayground, withCurrentUser, type RunningPlayground } from "../../devhost/playground";
import { freePort } from "../../devhost/ports";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const BOT_NAME = "SEND Early Help";

/** End-to-end tests need Debian's Chromium; CI installs it, so there a missing browser is a failure. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium not found at ${CHROMIUM}; .ci/run installs it with apt-get`);
  console.warn(`Skipping end-to-end tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return false;
}

/**
 * A playground acting as one of the mock users in the repo's .m365agentsplayground.yml,
 * optionally with its one extra team channel renamed (the playground allows only one).
 */
export async function startPlaygroundAs(endpoint: string, currentUserName?: string, channel?: { id: string; name: string }): Promise<RunningPlayground> {
  const dir = mkdtempSync(join(tmpdir(), "playground-"));
  let yml = readFileSync(".m365agentsplayground.yml", "utf8");
  if (currentUserName) yml = withCurrentUser(yml, currentUserName);
  if (channel) yml = yml.replace(/ {4}- id: channel-[^\n]+\n {6}name: [^\n]+/, `    - id: ${channel.id}\n      name: ${channel.name}`);
  writeFileSync(join(dir, ".m365agentsplayground.yml"), yml);
  return startPlayground({ port: await freePort(), endpoint, configDir: dir, repoRoot: process.cwd() });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  });
}

export interface ChatMessage {
  author: string;
  text: string;
  cardText: string | null;
}

/** Drives the playground page the way a person would: open a conversation, type, click. */
export class PlaygroundPage {
  constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string): Promise<PlaygroundPage> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // The UI asks a CDN for fonts; offline, fail those at once instead of waiting.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (r) => r.abort());
    page.setDefaultTimeout(30_000); // generous: CI runs two browsers on two cores
    await page.goto(url, { waitUntil: "domcontentloaded" });
    await page.getByRole("treeitem", { name: "Personal Chat" }).waitFor({ timeout: 90_000 }); // first load parses a 9 MB bundle
    return new PlaygroundPage(page);
  }

  async openConversation(name: string): Promise<void> {
    await this.page.getByRole("treeitem", { name, exact: true }).click();
  }

  /** Posts in the open channel, mentioning the bot (channel messages reach a bot only when it is mentioned). */
  async postToBot(text: string): Promise<void> {
    const box = this.page.getByRole("group").filter({ has: this.page.getByRole("button", { name: "Post", exact: true }) });
    await box.getByRole("textbox").click();
    await this.page.keyboard.type("@SEND");
    await this.page.getByRole("listbox", { name: "Typeahead menu" }).getByRole("menuitem", { name: new RegExp(BOT_NAME) }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await box.getByRole("button", { name: "Post", exact: true }).click();
  }

  async send(text: string): Promise<void> {
    const box = this.page.getByRole("textbox");
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.getByRole("button", { name: "Send Message" }).click();
  }

  /** Chat messages in display order: each has a "Message header" whose parent also holds the content. */
  async messages(scope: Locator = this.page.locator("body")): Promise<ChatMessage[]> {
    return scope.evaluate((root) => {
      const clean = (s: string) => s.replace(/\s+/g, " ").trim();
      return Array.from(root.querySelectorAll('[aria-label="Message header"]')).map((header) => {
        const el = header.parentElement ?? header;
        const author = header.querySelector<HTMLElement>('[aria-label="Message author"]');
        const card = el.querySelector<HTMLElement>(".ac-adaptiveCard");
        return {
          author: author ? clean(author.innerText) : "",
          text: clean((el as HTMLElement).innerText),
          cardText: card ? clean(card.innerText) : null,
        };
      });
    });
  }

  async botMessages(): Promise<ChatMessage[]> {
    return (await this.messages()).filter((m) => m.author === BOT_NAME);
  }

  /** Waits until the bot has said at least `count` things, then returns them all. */
  async waitForBotMessages(count: number, timeoutMs = 30_000): Promise<ChatMessage[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.botMessages();
      if (found.length >= count) return found;
      if (Date.now() > end) throw new Error(`Expected ${count} bot messages, saw ${found.length}: ${JSON.stringify(found)}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Picks an option in a card's drop-down (the playground renders Input.ChoiceSet as a combobox). */
  async choose(card: Locator, label: string, option: string): Promise<void> {
    await card.getByRole("combobox", { name: label }).click();
    await this.page.getByRole("option", { name: option, exact: true }).click();
  }

  lastCard(): Locator {
    return this.page.locator(".ac-adaptiveCard").last();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
