/**
 * Who may do what: permission -> roles holding it, declared by the platform and by modules.
 * Owners hold every permission. Checked in one place for bot handlers (`requirePermission`) and
 * one for HTTP routes (the route guard), never ad hoc.
 */
export type PermissionTable = Readonly<Record<string, readonly string[]>>;

/** The panel's own permissions; modules add theirs through `defineModule({ permissions })`. */
export const PLATFORM_PERMISSIONS: PermissionTable = {
  "panel.view": ["admin"],
  "people.view": ["admin"],
  "people.manage": ["admin"],
  "sessions.manage": ["admin"],
  "audit.view": ["admin"],
  "texts.edit": ["admin"],
  "settings.edit": ["admin"],
  "backups.manage": [],
  "broadcasts.send": ["admin"],
};

export class Permissions {
  readonly #roles = new Map<string, Set<string>>();

  constructor(tables: readonly PermissionTable[]) {
    for (const table of tables) {
      for (const [permission, roles] of Object.entries(table)) {
        const holders = this.#roles.get(permission) ?? new Set<string>();
        for (const role of roles) holders.add(role);
        this.#roles.set(permission, holders);
      }
    }
  }

  /** Every declared permission. */
  names(): string[] {
    return [...this.#roles.keys()];
  }

  /** Every role named by some permission, owner and admin included. */
  roleNames(): string[] {
    return [...new Set(["owner", "admin", ...[...this.#roles.values()].flatMap((roles) => [...roles])])];
  }

  /** Whether someone holding `roles` has `permission`. An undeclared permission is nobody's but owners'. */
  allows(roles: ReadonlySet<string> | readonly string[], permission: string): boolean {
    const held = roles instanceof Set ? roles : new Set(roles);
    if (held.has("owner")) return true;
    const holders = this.#roles.get(permission);
    return holders !== undefined && [...holders].some((role) => held.has(role));
  }

  /** The permissions someone holding `roles` has. */
  of(roles: readonly string[]): string[] {
    return this.names().filter((permission) => this.allows(roles, permission));
  }
}
