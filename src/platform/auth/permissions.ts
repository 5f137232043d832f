/**
 * Who may do what: permission -> roles holding it, declared by the platform and by modules.
 * Owners hold every permission. Checked in one place for bot handlers (`requirePermission`) and
 * one for HTTP routes (the route guard), never ad hoc.
 */

/**
 * Every permission's name, as a type: the platform's below, and each module's added by its
 * `permissions.ts` (see docs/modules.md), so `ctx.can("booking.manag")` does not compile.
 */
export interface DeclaredPermissions {
  "panel.view": true;
  "people.view": true;
  "people.manage": true;
  "sessions.manage": true;
  "audit.view": true;
  "texts.edit": true;
  "settings.edit": true;
  "backups.manage": true;
  "broadcasts.send": true;
  "work-groups.manage": true;
}

/** Every role's name, as a type: the platform's two and each module's own, added the same way. */
export interface DeclaredRoles {
  owner: true;
  admin: true;
}

export type Permission = Extract<keyof DeclaredPermissions, string>;
export type RoleName = Extract<keyof DeclaredRoles, string>;

/** Permission -> the roles holding it. */
export type PermissionTable = Readonly<Record<string, readonly string[]>>;

/** The roles every bot has; a module may grant its permissions to them or to roles it declares. */
export const PLATFORM_ROLES = ["owner", "admin"] as const satisfies readonly RoleName[];

/** The panel's own permissions; modules add theirs through `defineModule({ permissions })`. */
export const PLATFORM_PERMISSIONS = {
  "panel.view": ["admin"],
  "people.view": ["admin"],
  "people.manage": ["admin"],
  "sessions.manage": ["admin"],
  "audit.view": ["admin"],
  "texts.edit": ["admin"],
  "settings.edit": ["admin"],
  "backups.manage": [],
  "broadcasts.send": ["admin"],
  /** Linking a Telegram group as a work group (the setup command run in the group). */
  "work-groups.manage": ["admin"],
} as const satisfies PermissionTable;

/** What one module (or the platform) declares: its own roles and its permissions. */
export interface PermissionDeclaration {
  /** Who declares it, for the start-up message: a module's name, or "platform". */
  by: string;
  roles?: readonly string[];
  permissions?: PermissionTable;
}

/** A declaration that would let one module's role or permission mean another's. */
export class PermissionDeclarationError extends Error {
  override name = "PermissionDeclarationError";
}

export class Permissions {
  readonly #roles = new Map<string, Set<string>>();
  readonly #declaredRoles = new Set<string>(PLATFORM_ROLES);

  /**
   * The permissions of the platform and the given modules. Refuses, naming the role or
   * permission, a role declared by two modules (the second would silently get the first's
   * permissions), a permission declared twice, and a permission granted to a role its module
   * does not declare.
   */
  static declaredBy(declarations: readonly PermissionDeclaration[]): Permissions {
    const roleOwners = new Map<string, string>(PLATFORM_ROLES.map((role) => [role, "platform"]));
    const permissionOwners = new Map<string, string>();
    for (const { by, roles = [] } of declarations) {
      for (const role of roles) {
        const owner = roleOwners.get(role);
        if (owner !== undefined) throw new PermissionDeclarationError(`Role "${role}" is declared by both ${owner} and ${by}; give one of them another name.`);
        roleOwners.set(role, by);
      }
    }
    for (const { by, permissions = {} } of declarations) {
      for (const [permission, holders] of Object.entries(permissions)) {
        const owner = permissionOwners.get(permission);
        if (owner !== undefined) throw new PermissionDeclarationError(`Permission "${permission}" is declared by both ${owner} and ${by}.`);
        permissionOwners.set(permission, by);
        for (const role of holders) {
          const roleOwner = roleOwners.get(role);
          if (roleOwner !== "platform" && roleOwner !== by) {
            throw new PermissionDeclarationError(`${by} grants "${permission}" to role "${role}", which it does not declare (declare it in the module's roles).`);
          }
        }
      }
    }
    const result = new Permissions(declarations.map((declaration) => declaration.permissions ?? {}));
    for (const role of roleOwners.keys()) result.#declaredRoles.add(role);
    return result;
  }

  constructor(tables: readonly PermissionTable[]) {
    for (const table of tables) {
      for (const [permission, roles] of Object.entries(table)) {
        const holders = this.#roles.get(permission) ?? new Set<string>();
        for (const role of roles) {
          holders.add(role);
          this.#declaredRoles.add(role);
        }
        this.#roles.set(permission, holders);
      }
    }
  }

  /** Every declared permission. */
  names(): string[] {
    return [...this.#roles.keys()];
  }

  /** Every declared role, owner and admin included. */
  roleNames(): string[] {
    return [...this.#declaredRoles];
  }

  /**
   * Every declared role, the least privileged (fewest permissions) first, so owner comes last;
   * roles holding as many keep their declaration order. What a choice of role defaults to.
   */
  roleNamesByPrivilege(): string[] {
    const held = new Map(this.roleNames().map((role) => [role, this.of([role]).length]));
    return [...held.keys()].sort((a, b) => (held.get(a) ?? 0) - (held.get(b) ?? 0));
  }

  /** Whether someone holding `roles` has `permission`. An undeclared permission is nobody's but owners'. */
  allows(roles: ReadonlySet<string> | readonly string[], permission: Permission): boolean {
    const held = roles instanceof Set ? roles : new Set(roles);
    if (held.has("owner")) return true;
    const holders = this.#roles.get(permission);
    return holders !== undefined && [...holders].some((role) => held.has(role));
  }

  /** The roles that hold `permission` (owner always among them). */
  holdersOf(permission: Permission): string[] {
    return this.roleNames().filter((role) => this.allows([role], permission));
  }

  /** The permissions someone holding `roles` has. */
  of(roles: readonly string[]): string[] {
    return this.names().filter((permission) => this.allows(roles, permission as Permission));
  }
}
