import type { Capability } from "../domain/capabilities";
import { adaptiveCard, execute, facts, heading, text, type AdaptiveCardJson } from "./card";
import { VERBS } from "./verbs";

export interface Viewer {
  name: string;
  areaName: string;
  roleLabels: string[];
}

export function personalWelcomeCard(viewer: Viewer | undefined, productName: string): AdaptiveCardJson {
  const body = [
    heading(`Welcome to ${productName}`),
    text(
      viewer
        ? `Hello ${viewer.name}. ${viewer.areaName} uses this chat for SEND early help: quick advice on a child's emerging needs, and a named person to follow it up.`
        : "This chat gives schools quick advice on a child's emerging special educational needs, and a named person to follow it up.",
    ),
    text("Please never type a child's name, date of birth or other identifying details here. Describe the need instead, for example 'Year 4, reading well below peers'.", {
      isSubtle: true,
    }),
  ];
  if (!viewer) body.push(notRegisteredNote());
  return adaptiveCard(body, [execute("Show what I can do", VERBS.helpShow)], {
    fallbackText: `Welcome to ${productName}. Type help to see what I can do.`,
  });
}

export function teamWelcomeCard(productName: string, areaName: string | undefined): AdaptiveCardJson {
  return adaptiveCard(
    [
      heading(`${productName} has joined this team`),
      text(
        areaName
          ? `I'll post ${areaName}'s SEND early help work to the channels set up for it: advice requests for triage, and workstream actions for the partnership.`
          : "This team's organisation is not set up for SEND Early Help yet. Ask your council's SEND team to add it.",
      ),
      text("Mention me with **help** in any channel to see what I can do there.", { isSubtle: true }),
    ],
    [execute("Show what I can do", VERBS.helpShow)],
    { fallbackText: `${productName} has joined this team. Mention me with help to see what I can do.` },
  );
}

export function helpCard(viewer: Viewer | undefined, capabilities: Capability[]): AdaptiveCardJson {
  const body = [
    heading("What I can do for you"),
    viewer
      ? text(`You are registered with ${viewer.areaName} as: ${viewer.roleLabels.join(", ")}.`)
      : notRegisteredNote(),
    ...capabilities.flatMap((c) => [text(c.title, { weight: "Bolder", spacing: "Medium" }), text(c.howTo, { spacing: "None" })]),
  ];
  return adaptiveCard(body, [execute("My details", VERBS.profileShow)], {
    fallbackText: `What I can do: ${capabilities.map((c) => c.title).join(", ")}`,
  });
}

export interface ProfileDetails {
  name: string;
  areaName: string;
  roles: Array<{ label: string; detail: string }>;
}

export function profileCard(profile: ProfileDetails | undefined): AdaptiveCardJson {
  if (!profile)
    return adaptiveCard([heading("My details"), notRegisteredNote()], [execute("Show what I can do", VERBS.helpShow)]);
  return adaptiveCard(
    [
      heading("My details"),
      facts([
        ["Name", profile.name],
        ["Local area", profile.areaName],
      ]),
      ...profile.roles.map((r) => text(`**${r.label}**${r.detail ? `: ${r.detail}` : ""}`)),
      text("If any of this is wrong, ask your council's SEND team to update it.", { isSubtle: true }),
    ],
    [execute("Show what I can do", VERBS.helpShow)],
  );
}

function notRegisteredNote() {
  return text(
    "You are not registered with a local area yet, so I can only show general information. Ask your council's SEND team to add you.",
    { color: "Attention" },
  );
}
