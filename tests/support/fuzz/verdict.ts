import { z } from "zod";
import { splitList } from "../../../bot/cardData";
import { VERBS, type Verb } from "../../../cards/verbs";
import { AdviceRequestDraft, CloseOutcome, REFERENCE_PATTERN, ReferralDestination } from "../../../domain/adviceRequest";
import { isCouncilStaff } from "../../../domain/adviceRequests";
import { roleOf } from "../../../domain/directory";
import { guardSchoolText } from "../../../domain/requestTextGuards";
import { screenForPupilData } from "../../../domain/textScreening";
import { ActionUpdateInput, canEditWorkstream, screenActionUpdate } from "../../../domain/workstreams";
import { demoPack } from "../activities";
import type { Presser } from "./world";

/*
 * The card-action property's expectation model: from the press alone, which presses the route
 * must refuse (and so leave the stored state as it was), which verbs never change it, and which may.
 */

// The routes' card schemas, restated: data failing them must be refused with nothing changed.
const Ref = z.object({ reference: z.string().regex(REFERENCE_PATTERN) });
const WithText = Ref.extend({ text: z.string().trim().max(4000).default("") });
const TRIAGE_SCHEMAS: Partial<Record<Verb, z.ZodTypeAny>> = {
  [VERBS.triageClaim]: Ref,
  [VERBS.triageReopen]: Ref,
  [VERBS.triageReassign]: Ref.extend({ advisor: z.string().min(1) }),
  [VERBS.triageAskSchool]: WithText,
  [VERBS.triageAdvise]: WithText,
  [VERBS.triageRefer]: WithText.extend({ destination: ReferralDestination }),
  [VERBS.triageClose]: WithText.extend({ outcome: CloseOutcome }),
};
const SubmitData = AdviceRequestDraft.extend({
  draftId: z.string().min(1),
  riskOfHarm: z.enum(["no", "yes"]),
  otherNeeds: z.preprocess(splitList, z.array(AdviceRequestDraft.shape.otherNeeds.removeDefault().element).max(3)).default([]),
});
const AddInfoData = Ref.extend({ information: z.string().trim().min(1).max(2000) });
const AddInfoTyped = z.object({ riskOfHarm: z.enum(["yes", "no"]).optional().catch(undefined) });
const ActionKey = z.object({ workstreamId: z.string().min(1).max(80), actionId: z.string().min(1).max(80) });
const UpdateData = ActionKey.extend({ version: z.coerce.number().int().min(0) });

/**
 * Verbs that never change a request, its history or an action (they show, answer or record
 * feedback and audit; deliveries.retry only revives failed outbox rows).
 */
export const READ_ONLY: ReadonlySet<Verb> = new Set([
  VERBS.helpShow, VERBS.profileShow, VERBS.askForm, VERBS.askSubmit, VERBS.adviceFeedback, VERBS.adviceRiskAnswer, VERBS.requestDraft, VERBS.requestList, VERBS.requestView,
  VERBS.triageRefresh, VERBS.triageQueue, VERBS.triageReport, VERBS.actionView, VERBS.actionEdit, VERBS.actionHistory, VERBS.actionRefresh, VERBS.boardReport,
  VERBS.deliveriesShow, VERBS.deliveriesRetry,
]);

export type Verdict = { kind: "refuse"; reason: string } | { kind: "read-only" } | { kind: "may-change" };
const refuse = (reason: string): Verdict => ({ kind: "refuse", reason });
const throws = (f: () => void) => {
  try {
    f();
    return false;
  } catch {
    return true;
  }
};

/**
 * What the route must do with this press, judged only from who pressed and what the data says
 * (and the action's current version). "may-change" covers valid presses and refusals that depend
 * on the request's state (claiming a claimed request), which are not predicted here.
 */
export function verdict(verb: Verb, who: Presser, data: unknown, target: { schoolId: string }, actionVersion: number | undefined): Verdict {
  if (READ_ONLY.has(verb)) return { kind: "read-only" };
  const person = who.person;
  if (!person) return refuse("the presser is not registered in the area");
  const triage = TRIAGE_SCHEMAS[verb];
  if (triage) {
    if (!isCouncilStaff(person)) return refuse("a triage verb from someone who is not council staff");
    const parsed = triage.safeParse(data);
    if (!parsed.success) return refuse("data fails the verb's schema");
    const d = parsed.data as { text?: string; advisor?: string };
    if (verb === VERBS.triageClaim && !roleOf(person.roles, "inclusion-advisor")) return refuse("only an inclusion advisor claims");
    if (verb === VERBS.triageReassign && !demoPack.people.some((p) => p.aadObjectId === d.advisor && roleOf(p.roles, "inclusion-advisor"))) return refuse("reassigned to someone who is not an advisor");
    if ((verb === VERBS.triageAskSchool || verb === VERBS.triageAdvise) && !d.text?.trim()) return refuse("no text");
    if (d.text !== undefined && screenForPupilData(d.text)) return refuse("staff text with a pupil identifier");
    return { kind: "may-change" };
  }
  const senco = roleOf(person.roles, "senco");
  if (verb === VERBS.requestSubmit) {
    const parsed = SubmitData.safeParse(data);
    if (!parsed.success) return refuse("data fails the verb's schema");
    if (parsed.data.riskOfHarm === "yes") return refuse("risk of harm answered yes");
    if (!senco?.schoolIds.includes(parsed.data.schoolId)) return refuse("not the SENCO of that setting");
    if (throws(() => guardSchoolText([parsed.data.question, parsed.data.tried], { riskOfHarmAnswered: "no" }))) return refuse("school text refused by screening");
    return { kind: "may-change" };
  }
  if (verb === VERBS.requestAddInfo || verb === VERBS.requestWithdraw) {
    if (!Ref.safeParse(data).success) return refuse("data fails the verb's schema");
    if (!senco?.schoolIds.includes(target.schoolId)) return refuse("not the SENCO of the request's setting");
    if (verb === VERBS.requestWithdraw) return { kind: "may-change" };
    const typed = AddInfoTyped.parse(data);
    if (typed.riskOfHarm === "yes") return refuse("risk of harm answered yes");
    const parsed = AddInfoData.safeParse(data);
    if (!parsed.success) return refuse("data fails the verb's schema");
    const answered = typed.riskOfHarm === "no" ? ({ riskOfHarmAnswered: "no" } as const) : {};
    if (throws(() => guardSchoolText([parsed.data.information], answered))) return refuse("school text refused by screening");
    return { kind: "may-change" };
  }
  if (verb === VERBS.actionUpdate) {
    const key = UpdateData.safeParse(data);
    if (!key.success) return refuse("data fails the verb's schema");
    if (actionVersion === undefined) return refuse("names no action of the pool (none, or one the snapshot does not cover)");
    const input = ActionUpdateInput.safeParse(data);
    if (!input.success) return refuse("data fails the verb's schema");
    if (!canEditWorkstream(person, key.data.workstreamId)) return refuse("not a lead of the workstream nor the programme office");
    if (throws(() => screenActionUpdate(input.data))) return refuse("update text with a pupil identifier");
    if (key.data.version !== actionVersion) return refuse("the form's version is not the action's");
    return { kind: "may-change" };
  }
  return { kind: "may-change" };
}
