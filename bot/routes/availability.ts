import type { TurnContext } from "botbuilder";
import type { Application, TurnState } from "@microsoft/teams-ai";
import { AVAILABILITY_COMMAND, parseAvailability } from "../../domain/availability";
import { roleOf } from "../../domain/directory";
import { AvailabilityRefusal, changeOwnAvailability } from "../../usecases/availability";
import { resolveCaller } from "../caller";
import type { BotDeps } from "../deps";
import { ukDay as uk } from "../viewer";


/** "out of office until 12 January", "back in office", "capacity 12": advisors keep routing right themselves. */
export function registerAvailability(app: Application<TurnState>, deps: BotDeps): void {
  const caller = (context: TurnContext) => resolveCaller(context, deps.packs, deps.directory);

  app.message(AVAILABILITY_COMMAND, async (context) => {
    const who = await caller(context);
    if (!who.area || !who.person) return void (await context.sendActivity("You are not registered with the council's inclusion team, so there is no availability to set."));
    const change = parseAvailability(context.activity.text ?? "", deps.now());
    if ("error" in change) return void (await context.sendActivity(change.error));
    try {
      const updated = await changeOwnAvailability(
        { directory: deps.editDirectory, audit: (areaId, at, record) => deps.audit.append(areaId, at, record), now: deps.now },
        who.area,
        who.person,
        change,
      );
      const advisor = roleOf(updated.roles, "inclusion-advisor");
      const away = (advisor?.outOfOffice ?? []).map((o) => `${uk(o.from)} to ${uk(o.to)}`);
      const saved =
        change.kind === "capacity"
          ? `Saved: you can hold ${change.capacity} open requests at once. New requests are not suggested to you beyond that.`
          : change.kind === "back"
            ? "Saved: welcome back. New requests can be suggested to you again."
            : `Saved: you are out of office from ${uk(change.from)} to ${uk(change.to)}. New requests will not be suggested to you then; requests you already have stay with you.`;
      await context.sendActivity(`${saved}${away.length ? `\n\nOut of office planned: ${away.join("; ")}.` : ""}`);
    } catch (err) {
      if (err instanceof AvailabilityRefusal) return void (await context.sendActivity(err.message));
      throw err;
    }
  });
}
