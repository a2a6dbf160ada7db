import { adaptiveCard, type AdaptiveCardJson } from "./card";

/**
 * What the person who pressed a button sees when the action could not finish: what happened,
 * and whether it was saved (with the reference when it was), in plain words. Status is said in
 * words, not by colour alone.
 */
export function actionFailedCard(saved: string | undefined): AdaptiveCardJson {
  const lines = saved
    ? [`Saved: your change to ${saved} was recorded.`, "Something went wrong on our side while showing the result. Everyone involved will still be told. Open the request again to see it."]
    : ["Not saved: something went wrong on our side, so nothing was changed.", "Please try again in a minute. If it keeps happening, tell your council's SEND team."];
  return adaptiveCard(
    lines.map((text, i) => ({ type: "TextBlock", text, wrap: true, ...(i === 0 ? { weight: "Bolder", color: saved ? "Good" : "Attention" } : {}) })),
    [],
    { fallbackText: lines.join(" ") },
  );
}

/** Answered before the work finished (Teams allows a few seconds): say so honestly. */
export function actionSlowCard(saved: string | undefined): AdaptiveCardJson {
  const lines = saved
    ? [`Saved: your change to ${saved} was recorded.`, "Showing the result is taking longer than usual. Open the request again in a minute to see it."]
    : ["Still working: this is taking longer than usual, so it may or may not have been saved.", "Check in a minute (type 'my requests', or 'show' and the reference) before trying again, so nothing is done twice."];
  return adaptiveCard(
    lines.map((text, i) => ({ type: "TextBlock", text, wrap: true, ...(i === 0 ? { weight: "Bolder", color: "Warning" } : {}) })),
    [],
    { fallbackText: lines.join(" ") },
  );
}
