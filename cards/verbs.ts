/** Action.Execute verbs, shared by the cards that send them and the handlers that answer them. */
export const VERBS = {
  helpShow: "help.show",
  profileShow: "profile.show",
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];
