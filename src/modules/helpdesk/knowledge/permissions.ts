/** Who edits the knowledge base (write, correct, publish, delete articles); spread into the help desk's permissions. */
export const KNOWLEDGE_PERMISSIONS = {
  "helpdesk.knowledge.edit": ["admin"],
} as const;

declare module "../../../platform/auth/permissions.ts" {
  interface DeclaredPermissions extends Record<keyof typeof KNOWLEDGE_PERMISSIONS, true> {}
}
