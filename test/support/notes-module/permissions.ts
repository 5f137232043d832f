/** The notes module's own role, and who reads everyone's notes. */
export const NOTES_ROLES = ["note-keeper"] as const;

export const NOTES_PERMISSIONS = {
  "notes.read": ["note-keeper", "admin"],
} as const;

declare module "../../../src/platform/auth/permissions.ts" {
  interface DeclaredRoles extends Record<(typeof NOTES_ROLES)[number], true> {}
  interface DeclaredPermissions extends Record<keyof typeof NOTES_PERMISSIONS, true> {}
}
