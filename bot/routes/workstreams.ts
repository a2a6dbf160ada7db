import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { z } from "zod";
import { roleOf } from "../../domain/directory";
import { updateAction, postWorkstreamCards } from "../../usecases/workstreamSteps";
import { BOARD_CHANNEL_SETTING, workstreamChannelSetting } from "../../usecases/workstreamRhythm";
import { ActionChangedFirst, ActionUpdateInput, canEditWorkstream, PupilDataInActionUpdate, WorkstreamRefusal, type WorkstreamAction } from "../../domain/workstreams";
import { noticeCard, type AdaptiveCardJson } from "../../cards/card";
import { actionEditCard, actionHistoryCard } from "../../cards/workstreamCards";
import { VERBS } from "../../cards/verbs";
import { resolveCaller, type Caller } from "../caller";
import { parseCardData } from "../cardData";
import type { BotDeps } from "../deps";
import { onCardAction } from "../cardActions";
import { rhythmDeps } from "../useCaseDeps";
import { actionCardFor, actionContext, boardReportFor } from "../workstreamPosting";
import { sendCard } from "./shared";

const ActionKey = z.object({ workstreamId: z.string().min(1).max(80), actionId: z.string().min(1).max(80) });
const UpdateData = ActionKey.extend({ version: z.coerce.number().int().min(0) });

/** Partnership workstreams: action cards in channels that leads update in place, and the board roll-up. */
export function registerWorkstreams(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);

  app.message(/^\s*link this channel to\s+(.+?)\s*$/i, async (context) => {
    const who = await caller(context);
    const wanted = /link this channel to\s+(.+?)\s*$/i.exec(context.activity.text ?? "")?.[1]?.trim().toLowerCase() ?? "";
    if (context.activity.conversation.conversationType !== "channel") return void (await context.sendActivity("Type this in the team channel you want the workstream's actions posted to."));
    if (!who.area) return void (await context.sendActivity("This team's organisation is not set up for SEND Early Help."));
    const ws = who.area.priorities.flatMap((p) => p.workstreams).find((w) => w.id === wanted || w.title.toLowerCase() === wanted) ??
      who.area.priorities.flatMap((p) => p.workstreams).find((w) => w.title.toLowerCase().includes(wanted));
    if (!ws) return void (await context.sendActivity(`I can't find that workstream. The workstreams are: ${who.area.priorities.flatMap((p) => p.workstreams.map((w) => w.title)).join("; ")}.`));
    if (!canEditWorkstream(who.person, ws.id)) return void (await context.sendActivity("Only the workstream's leads or the programme office can link a channel to it."));
    const channelId = context.activity.conversation.id.split(";")[0] ?? context.activity.conversation.id;
    await deps.settings.set(who.area.id, workstreamChannelSetting(ws.id), channelId, who.person?.aadObjectId ?? "", deps.now());
    // One effect per card, recorded together; the message's id makes a redelivery post them once.
    const posted = await postWorkstreamCards(rhythmDeps(deps), who.area.id, ws.id, channelId, context.activity.id ? `message|${context.activity.id}` : undefined);
    await context.sendActivity(
      posted
        ? `This channel is now linked to **${ws.title}**. Its ${posted} action card${posted === 1 ? " is" : "s are"} being posted here. Leads and the programme office can update them with the Update button.`
        : `This channel is now linked to **${ws.title}**. This workstream has no actions yet.`,
    );
  });

  // Anyone in the area may look at a workstream's actions; only editors' updates are accepted.
  app.message(/^\s*actions(\s+for\s+.+)?\s*$/i, async (context) => {
    const who = await caller(context);
    if (!who.area || !who.person) return void (await context.sendActivity("You're not registered with a local area, so I can't show its plan."));
    const named = /actions\s+for\s+(.+?)\s*$/i.exec(context.activity.text ?? "")?.[1]?.toLowerCase();
    const channelId = context.activity.conversation.id.split(";")[0] ?? "";
    let workstreamId: string | undefined;
    for (const w of who.area.priorities.flatMap((p) => p.workstreams)) {
      if (named ? w.id === named || w.title.toLowerCase().includes(named) : (await deps.settings.get(who.area.id, workstreamChannelSetting(w.id))) === channelId) {
        workstreamId = w.id;
        break;
      }
    }
    if (!workstreamId) return void (await context.sendActivity("Say which workstream, for example **actions for Right support at the right time**, or use this in a channel linked to a workstream."));
    const actions = await deps.actions.listActions(who.area.id, workstreamId);
    if (!actions.length) return void (await context.sendActivity("This workstream has no actions yet."));
    for (const a of actions) await sendCard(context, await actionCardFor(deps, who.area, a));
  });

  app.message(/^\s*(use this channel for the board|set board channel)\s*$/i, async (context) => {
    const who = await caller(context);
    if (context.activity.conversation.conversationType !== "channel") return void (await context.sendActivity("Type this in the partnership channel."));
    if (!who.area || !who.person || !roleOf(who.person.roles, "programme-office")) return void (await context.sendActivity("Only the programme office can choose the board channel."));
    await deps.settings.set(who.area.id, BOARD_CHANNEL_SETTING, context.activity.conversation.id.split(";")[0] ?? "", who.person.aadObjectId, deps.now());
    await context.sendActivity("Done: highlight reports before each board will be posted here.");
  });

  app.message(/^\s*(board report|highlight report|roll-?up)\s*$/i, async (context) => {
    await sendCard(context, await boardCard(deps, await caller(context)));
  });
  onCardAction(app, deps, VERBS.boardReport, async ({ context }) => boardCard(deps, await caller(context)));

  onCardAction(app, deps, [VERBS.actionView, VERBS.actionRefresh], async ({ context, data }) => {
    const who = await caller(context);
    const found = await load(deps, who, data);
    if (typeof found === "string") return noticeCard(found);
    const refreshing = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb === VERBS.actionRefresh;
    // Teams refreshes the card for editors only (refresh.userIds): they get the edit controls.
    if (refreshing && canEditWorkstream(who.person, found.workstreamId)) return actionEditCard(found, await actionContext(deps, needArea(who), found));
    return await actionCardFor(deps, needArea(who), found);
  });

  // The edit form and any refusal go to the presser only (onCardAction never writes the shared card).
  onCardAction(app, deps, VERBS.actionEdit, async ({ context, data }) => {
    const who = await caller(context);
    const found = await load(deps, who, data);
    if (typeof found === "string") return noticeCard(found);
    if (!canEditWorkstream(who.person, found.workstreamId)) {
      deps.log.info("Refused an action edit from someone who is not a lead or the programme office", { actor: who.aadObjectId, action: found.id });
      return await actionCardFor(deps, needArea(who), found, "Only this workstream's leads and the programme office can update this action.");
    }
    return actionEditCard(found, await actionContext(deps, needArea(who), found));
  });

  onCardAction(app, deps, VERBS.actionUpdate, async (press) => {
    const { context, data } = press;
    const who = await caller(context);
    const key = UpdateData.safeParse(data);
    const found = await load(deps, who, data);
    if (typeof found === "string" || !key.success) return noticeCard(typeof found === "string" ? found : "That card is out of date. Mention me with 'board report' for the latest.");
    const area = needArea(who);
    const entered = strings(data);
    const input = parseCardData(ActionUpdateInput, data);
    if (!input.ok) {
      if (!canEditWorkstream(who.person, found.workstreamId)) return await actionCardFor(deps, area, found, "Only this workstream's leads and the programme office can update this action.");
      press.keepTyped();
      return actionEditCard(found, await actionContext(deps, area, found), input.message, entered);
    }
    try {
      // The update, its audit line and the channel card's redraw are one transaction.
      const { action: updated } = await updateAction(rhythmDeps(deps), area, who.person, found.workstreamId, found.id, input.value, key.data.version, press.key);
      press.saved(updated.title);
      return await actionCardFor(deps, area, updated, "Saved. Thank you.");
    } catch (err) {
      if (err instanceof ActionChangedFirst) return actionEditCard(err.latest, await actionContext(deps, area, err.latest), err.message);
      if (err instanceof PupilDataInActionUpdate) {
        // Nothing was saved: the form comes back, to the lead only, with everything typed. It keeps
        // the version it was opened on, so a save by someone else meanwhile is still caught.
        const problem = { explanation: err.explanation, fields: err.fields };
        const notice = "Not saved: this update includes details that could identify a pupil.";
        press.keepTyped();
        return actionEditCard({ ...found, version: key.data.version }, await actionContext(deps, area, found), notice, entered, problem);
      }
      if (err instanceof WorkstreamRefusal) return await actionCardFor(deps, area, found, err.message);
      throw err;
    }
  });

  onCardAction(app, deps, VERBS.actionHistory, async ({ context, data }) => {
    const who = await caller(context);
    const found = await load(deps, who, data);
    if (typeof found === "string") return noticeCard(found);
    return actionHistoryCard(found, await deps.actions.listUpdates(found.areaId, found.workstreamId, found.id));
  });
}

async function load(deps: BotDeps, who: Caller, data: unknown): Promise<WorkstreamAction | string> {
  if (!who.area || !who.person) return "You're not registered with a local area, so I can't show this action.";
  const key = ActionKey.safeParse(data);
  if (!key.success) return "That card is out of date.";
  const stored = await deps.actions.get(who.area.id, key.data.workstreamId, key.data.actionId);
  return stored?.action ?? "That action is no longer in the plan.";
}

async function boardCard(deps: BotDeps, who: Caller): Promise<AdaptiveCardJson> {
  const allowed = who.person?.roles.some((r) => r.role === "programme-office" || r.role === "workstream-lead" || r.role === "triage-manager");
  if (!who.area || !allowed) return noticeCard("The highlight report is for the partnership: the programme office and workstream leads.");
  return (await boardReportFor(deps, who.area)).card;
}

function needArea(who: Caller) {
  if (!who.area) throw new Error("area checked by load()");
  return who.area;
}

function strings(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (data && typeof data === "object") for (const [k, v] of Object.entries(data)) if (typeof v === "string") out[k] = v;
  return out;
}

