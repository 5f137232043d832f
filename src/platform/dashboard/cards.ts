import type { Kysely } from "kysely";
import type { PlatformTables } from "../db/schema.ts";
import type { Locale, TranslationArgs, Translator } from "../i18n/translator.ts";
import type { Permissions } from "../auth/permissions.ts";
import type { BotyardModule } from "../module.ts";
import { formatMoney } from "../domain/money.ts";

/** A dashboard card as the panel shows it: its texts in the reader's language. */
export interface DashboardCardView {
  module: string;
  id: string;
  title: string;
  link: string | null;
  /** `text` is the value as the reader reads it: "1,204", "€350.00", "1 204", "350,00 €". */
  figures: { label: string; value: number; text: string }[];
}

/** The cards of a bot's enabled modules that someone holding `roles` may see, read now. */
export async function dashboardCards(deps: {
  db: Kysely<PlatformTables>;
  translator: Translator;
  permissions: Permissions;
  modules: readonly BotyardModule[];
  botId: string;
  roles: readonly string[];
  locale: Locale;
  now: Date;
  timeZone: string;
}): Promise<DashboardCardView[]> {
  const t = (key: string, args?: TranslationArgs) => deps.translator.translate(deps.botId, deps.locale, key, args);
  const views: DashboardCardView[] = [];
  for (const module of deps.modules) {
    for (const card of module.dashboard ?? []) {
      if (!deps.permissions.allows(deps.roles, card.permission)) continue;
      const figures = await card.figures({ db: deps.db, botId: deps.botId, now: deps.now, timeZone: deps.timeZone });
      views.push({
        module: module.name,
        id: card.id,
        title: t(card.title),
        link: card.link ?? null,
        figures: figures.map((figure) => ({
          label: t(figure.label, figure.args),
          value: figure.value,
          text: figure.currency === undefined ? new Intl.NumberFormat(deps.locale).format(figure.value) : formatMoney(figure.value, figure.currency, deps.locale),
        })),
      });
    }
  }
  return views;
}
