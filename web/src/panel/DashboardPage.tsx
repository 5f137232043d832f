import { useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";
import { useT } from "./i18n/useT.ts";
import { panelLocale } from "./locale.ts";
import "./people-pages.css";

/** A card an enabled module adds, its texts and figures already in the reader's language. */
interface ModuleCard {
  module: string;
  id: string;
  title: string;
  link: string | null;
  figures: { label: string; value: number; text: string }[];
}

/** How often the figures are asked for again. */
const REFRESH_MS = 10_000;

/**
 * The business at a glance, the first page an owner sees: the cards the enabled modules bring
 * (today's visits, the week's money, requests waiting), each leading to its page. A module
 * switched off takes its cards along; the bot's own figures are on the Activity page.
 */
export function DashboardPage() {
  const t = useT();
  const cards = useQuery({ queryKey: ["dashboard-cards"], queryFn: () => api<{ cards: ModuleCard[] }>("/api/dashboard/cards"), refetchInterval: REFRESH_MS });
  if (cards.isPending) return <p>{t("panel-loading")}</p>;
  if (cards.isError) return <p className="error">{cards.error.message}</p>;
  return (
    <section className="people-page">
      <h1>{t("access-nav-dashboard")}</h1>
      <p className="live">{t("access-dashboard-live", { time: new Date(cards.dataUpdatedAt).toLocaleTimeString(panelLocale()) })}</p>
      {cards.data.cards.length === 0 ? (
        <p className="hint">{t("dashboard-no-cards")}</p>
      ) : (
        <div className="figures">
          {cards.data.cards.map((card) => (
            <div className="card" key={`${card.module}:${card.id}`} data-card={`${card.module}:${card.id}`}>
              <h2>{card.link === null ? card.title : <a href={card.link}>{card.title}</a>}</h2>
              {card.figures.map((figure, index) => (
                <div className="figure" key={index}>
                  <span>{figure.label}</span>
                  <strong>{figure.text}</strong>
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
      <p className="hint">
        <a href="/activity">{t("dashboard-see-activity")}</a>
      </p>
    </section>
  );
}
