/** The booking module's own role: a master, who sees and marks their own visits. */
export const BOOKING_ROLES = ["master"] as const;

/** Who holds the booking module's permissions: admins run the salon, masters see their own day. */
export const BOOKING_PERMISSIONS = {
  "booking.manage": ["admin"],
  "booking.own-day": ["master"],
  "booking.analytics": ["admin"],
} as const;

declare module "../../platform/auth/permissions.ts" {
  interface DeclaredRoles extends Record<(typeof BOOKING_ROLES)[number], true> {}
  interface DeclaredPermissions extends Record<keyof typeof BOOKING_PERMISSIONS, true> {}
}
