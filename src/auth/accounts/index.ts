// The account lifecycle, one file per flow: request → approval → invite → password; resets,
// password changes, members, and the CLI bootstrap. Each step writes with db.batch (no interactive
// transactions), appends to the audit log and sends its mail through the outbox; the SQL lives in
// src/queries/accounts.ts and src/queries/account-writes.ts.
export { AccountError, flowContext, roleLabels, type FlowContext } from "./context";
export { approveAccountRequest, refuseAccountRequest, requestAccount } from "./requests";
export { acceptInvite, cancelInvite, inviteUser, openInvite } from "./invites";
export { changePassword, requestPasswordReset, resetPassword } from "./passwords";
export { removeUser, setSchoolStatus } from "./members";
export { createAdminAccount, createSchoolAccount } from "./bootstrap";
export { logIn, type LoginOutcome } from "./login";
