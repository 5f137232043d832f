/** The helpdesk's own role: a specialist, who answers tickets in the work groups. */
export const HELPDESK_ROLES = ["specialist"] as const;

/** Who answers tickets (replies, notes, claims, resolves): specialists and admins (and owners, who hold every permission). */
export const HELPDESK_PERMISSIONS = {
  "helpdesk.answer": ["admin", "specialist"],
} as const;

declare module "../../platform/auth/permissions.ts" {
  interface DeclaredRoles extends Record<(typeof HELPDESK_ROLES)[number], true> {}
  interface DeclaredPermissions extends Record<keyof typeof HELPDESK_PERMISSIONS, true> {}
}
