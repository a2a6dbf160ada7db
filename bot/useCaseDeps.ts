import type { RhythmDeps } from "../usecases/workstreamRhythm";
import type { BotDeps } from "./deps";
import { workstreamIdsOf } from "./workstreamPosting";

/** The use cases' view of the bot's dependencies: stores, the effect dispatcher and the clock. */
export function rhythmDeps(deps: BotDeps): RhythmDeps {
  return {
    actions: deps.actions,
    effects: deps.requests.effects,
    now: deps.now,
    settings: deps.settings,
    workstreamIds: (area) => workstreamIdsOf(deps, area),
    calendarFor: deps.requests.calendarFor,
  };
}
