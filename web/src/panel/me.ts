import { createContext, useContext } from "react";
import type { Me } from "./api.ts";

export const MeContext = createContext<Me | undefined>(undefined);

/** The signed-in person, inside the panel's pages. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (me === undefined) throw new Error("useMe is for pages inside the panel");
  return me;
}

export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
