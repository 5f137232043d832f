import { useLocalization } from "@fluent/react";
import { useCallback } from "react";

/**
 * A role's name for people (`admin` → `Administrator`): the `role-<name>` text of the catalogue
 * that declares it, or the role's own name when no catalogue names it.
 */
export function useRoleName(): (role: string) => string {
  const { l10n } = useLocalization();
  return useCallback((role: string) => (l10n.getBundle(`role-${role}`) === null ? role : l10n.getString(`role-${role}`)), [l10n]);
}
