/**
 * Spots free text suggesting a child may be at risk of harm, so it is answered with "speak to
 * your designated safeguarding lead and the children's services front door now" instead of being
 * queued as routine advice. Safeguarding is not early help.
 *
 * The indicators are data (safeguarding/indicators/*.json, one file per statutory category) that
 * a designated safeguarding lead can read and extend; safeguarding/assess.ts combines them.
 */
export { assessSafeguarding, buildScreen, screenFromFiles, shippedScreen, UNNAMED_RISK_PROMPT } from "./safeguarding/index";
export type { SafeguardingAssessment, SafeguardingLevel, SafeguardingScreen } from "./safeguarding/index";
