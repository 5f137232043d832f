import { join } from "node:path";
import { cataloguesIn } from "../../platform/i18n/catalogues.ts";
import { defineModule } from "../../platform/module.ts";
import { accessApi, accessApiCatalogues } from "./api/routes.ts";
import { accessComposer } from "./bot/composer.ts";
import { accessCards } from "./dashboard.ts";
import { allSessionsButton, applyButton, loginButton, peopleButton, pendingButton, statsButton } from "./callbacks.ts";
import { applyForAccess } from "./commands/apply-for-access.ts";
import { approveAccessRequest } from "./commands/approve-access-request.ts";
import { blockPerson } from "./commands/block-person.ts";
import { choosePanelLanguage } from "./commands/choose-panel-language.ts";
import { endAllSessions } from "./commands/end-all-sessions.ts";
import { endSession } from "./commands/end-session.ts";
import { grantRole } from "./commands/grant-role.ts";
import { issueConsoleSignInLink } from "./commands/issue-console-sign-in-link.ts";
import { issueLoginLink } from "./commands/issue-login-link.ts";
import { postponeAccessRequest } from "./commands/postpone-access-request.ts";
import { rejectAccessRequest } from "./commands/reject-access-request.ts";
import { revokeRole } from "./commands/revoke-role.ts";
import { signIn } from "./commands/sign-in.ts";
import { signOut } from "./commands/sign-out.ts";
import { unblockPerson } from "./commands/unblock-person.ts";
import * as access0001 from "./migrations/0001_access.ts";
import { isBlockedFromAccess } from "./queries/people.ts";
import type { AccessTables } from "./tables.ts";

const ADMINS = ["admin"] as const;

/**
 * Staff access (seed VHM24): strangers apply, admins approve with a role, staff get one-time
 * login links to the panel and manage their web sessions; admins manage people and sessions.
 */
export const accessModule = defineModule<AccessTables>({
  name: "access",
  migrations: { access_0001_access: access0001 },
  catalogues: [...cataloguesIn(join(import.meta.dirname, "locales")), ...accessApiCatalogues],
  dashboard: accessCards,
  menu: [
    {
      label: "access-menu-apply",
      data: applyButton.data({}),
      when: async (ctx, settings, db) => ctx.roles.size === 0 && settings.staffMayApply && ctx.from !== undefined && !(await isBlockedFromAccess(db, ctx.botId, ctx.from.id)),
    },
    { label: "access-menu-login", data: loginButton.data({}), when: (ctx) => ctx.roles.size > 0 },
    { label: "access-menu-pending", data: pendingButton.data({}), when: (ctx) => ctx.can("people.manage") },
    { label: "access-menu-people", data: peopleButton.data({}), when: (ctx) => ctx.can("people.manage") },
    { label: "access-menu-stats", data: statsButton.data({}), when: (ctx) => ctx.can("people.manage") },
    { label: "access-menu-sessions", data: allSessionsButton.data({}), when: (ctx) => ctx.can("sessions.manage") },
  ],
  botCommands: [
    // Where strangers may apply they see /login too: it tells them how to get access.
    { command: "login", description: "command-login", when: ({ roles, settings }) => roles.size > 0 || settings.staffMayApply },
    { command: "sessions", description: "command-sessions", when: ({ roles }) => roles.size > 0 },
    { command: "requests", description: "command-requests", roles: ADMINS },
    { command: "people", description: "command-people", roles: ADMINS },
    { command: "stats", description: "command-stats", roles: ADMINS },
  ],
  commands: [
    choosePanelLanguage,
    applyForAccess,
    approveAccessRequest,
    rejectAccessRequest,
    postponeAccessRequest,
    grantRole,
    revokeRole,
    blockPerson,
    unblockPerson,
    issueLoginLink,
    issueConsoleSignInLink,
    endSession,
    endAllSessions,
    signIn,
    signOut,
  ],
  composer: accessComposer,
  api: accessApi,
});
