/** Who may download the bot's files in the panel, and who may upload them. */
export const FILES_PERMISSIONS = {
  "files.read": ["admin"],
  "files.upload": ["admin"],
} as const;

declare module "../auth/permissions.ts" {
  interface DeclaredPermissions extends Record<keyof typeof FILES_PERMISSIONS, true> {}
}
