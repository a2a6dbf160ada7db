/** Action.Execute verbs, shared by the cards that send them and the handlers that answer them. */
export const VERBS = {
  helpShow: "help.show",
  profileShow: "profile.show",
  askForm: "advice.form",
  askSubmit: "advice.ask",
  adviceFeedback: "advice.feedback",
  adviceRiskAnswer: "advice.riskAnswer",
  requestDraft: "request.draft",
  requestSubmit: "request.submit",
  requestList: "request.list",
  requestView: "request.view",
  requestAddInfo: "request.addInfo",
  requestWithdraw: "request.withdraw",
  triageClaim: "triage.claim",
  triageReassign: "triage.reassign",
  triageAskSchool: "triage.askSchool",
  triageAdvise: "triage.advise",
  triageRefer: "triage.refer",
  triageClose: "triage.close",
  triageReopen: "triage.reopen",
  triageRefresh: "triage.refresh",
  triageQueue: "triage.queue",
  triageReport: "triage.report",
  actionView: "action.view",
  actionEdit: "action.edit",
  actionUpdate: "action.update",
  actionHistory: "action.history",
  actionRefresh: "action.refresh",
  boardReport: "board.report",
  deliveriesShow: "deliveries.show",
  deliveriesRetry: "deliveries.retry",
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/**
 * The field of every Action.Execute's data that carries a fresh id each time the card is drawn:
 * a double click or a redelivered press repeats it, so the change is applied once.
 */
export const PRESS_ID = "pressId";
