import type { TurnContext } from "botbuilder";
import type { AreaPack, Person } from "../domain/areaPack";
import { areaForTenant, type Directory } from "../domain/directory";

/** Who is acting on this turn: their local area (from the tenant) and their registration, if any. */
export interface Caller {
  aadObjectId: string | undefined;
  displayName: string;
  tenantId: string | undefined;
  area: AreaPack | undefined;
  person: Person | undefined;
}

const CALLER_KEY = Symbol("caller");

export function tenantOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannelData = typeof channelData?.tenant?.id === "string" ? channelData.tenant.id : undefined;
  return fromChannelData ?? context.activity.conversation?.tenantId;
}

/** Resolved once per turn and kept on the turn context; never cached across turns or instances. */
export async function resolveCaller(context: TurnContext, packs: readonly AreaPack[], directory: Directory): Promise<Caller> {
  const cached = context.turnState.get<Caller | undefined>(CALLER_KEY);
  if (cached) return cached;
  const tenantId = tenantOf(context);
  const area = areaForTenant(packs, tenantId);
  const aadObjectId = context.activity.from?.aadObjectId;
  const person = area && aadObjectId ? await directory.findPerson(area.id, aadObjectId) : undefined;
  const caller: Caller = {
    aadObjectId,
    displayName: person?.name ?? context.activity.from?.name ?? "there",
    tenantId,
    area,
    person,
  };
  context.turnState.set(CALLER_KEY, caller);
  return caller;
}
