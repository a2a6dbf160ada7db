import { describe, expect, it } from "vitest";
import { helpCard, personalWelcomeCard, profileCard, teamWelcomeCard } from "../../cards/welcomeCards";
import { capabilitiesFor } from "../../domain/capabilities";
import { expectValidCard } from "../support/cards";

const viewer = { name: "Sam Senco", areaName: "Wiltshire Council (demo)", roleLabels: ["SENCO"] };

describe("welcome and help cards", () => {
  it.each([
    ["personal welcome, registered", personalWelcomeCard(viewer, "SEND Early Help")],
    ["personal welcome, not registered", personalWelcomeCard(undefined, "SEND Early Help")],
    ["team welcome", teamWelcomeCard("SEND Early Help", "Wiltshire Council (demo)")],
    ["team welcome, unknown area", teamWelcomeCard("SEND Early Help", undefined)],
    ["help", helpCard(viewer, capabilitiesFor([{ role: "senco", schoolIds: ["x"] }]))],
    ["help, not registered", helpCard(undefined, capabilitiesFor([]))],
    ["profile", profileCard({ name: "Sam", areaName: "Wiltshire", roles: [{ label: "SENCO", detail: "Riverside" }] })],
    ["profile, not registered", profileCard(undefined)],
  ])("%s parses cleanly with the Adaptive Cards SDK", (_name, card) => {
    expectValidCard(card);
  });

  it("asks the SENCO not to type identifying details", () => {
    expect(JSON.stringify(personalWelcomeCard(viewer, "SEND Early Help"))).toContain("never type a child's name");
  });
});
