/** Who reads what people write: admins (and owners, who hold every permission). */
export const FEEDBACK_PERMISSIONS = {
  "feedback.read": ["admin"],
} as const;

declare module "../../platform/auth/permissions.ts" {
  interface DeclaredPermissions extends Record<keyof typeof FEEDBACK_PERMISSIONS, true> {}
}
