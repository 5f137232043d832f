import type { FluentVariable } from "@fluent/bundle";
import { useLocalization } from "@fluent/react";
import { useCallback } from "react";

/** Translates a panel message: `t("panel-sign-out")`, or with arguments `t(id, { count: 3 })`. */
export type Translate = (id: string, args?: Record<string, FluentVariable>) => string;

/** The active language's translate function, for a page's texts. */
export function useT(): Translate {
  const { l10n } = useLocalization();
  return useCallback<Translate>((id, args) => l10n.getString(id, args), [l10n]);
}
