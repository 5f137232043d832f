import { QueryClient, QueryClientProvider, useQuery } from "@tanstack/react-query";
import { useEffect, useState, type MouseEvent } from "react";
import { api, ApiError, navigate, rememberBearer, rememberCsrfToken, type Me } from "./api.ts";
import { panelPages } from "./pages.tsx";
import { MeContext } from "./me.ts";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { usePanelLanguage } from "./i18n/PanelLanguage.tsx";
import { useT } from "./i18n/useT.ts";
import "./panel.css";

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2 } },
});

function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const onPop = () => setPath(window.location.pathname);
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  return path.replace(/\/+$/, "") || "/";
}

/** Inside Telegram a Mini App gets signed `initData` in the URL fragment; it is traded for a bearer token. */
async function signInAsMiniApp(): Promise<void> {
  const initData = new URLSearchParams(window.location.hash.slice(1)).get("tgWebAppData");
  if (initData === null) return;
  window.history.replaceState(null, "", window.location.pathname);
  const { token } = await api<{ token: string }>("/api/auth/mini-app", { body: { initData } });
  rememberBearer(token);
}

function SignedOut({ message }: { message?: string }) {
  const t = useT();
  return (
    <main className="page-message">
      <h1>{t("panel-sign-in")}</h1>
      <p>{message ?? t("panel-sign-in-hint")}</p>
    </main>
  );
}

function PanelFrame() {
  const t = useT();
  const { setLocale } = usePanelLanguage();
  const path = usePath();
  const [miniApp, setMiniApp] = useState<"pending" | "done" | Error>("pending");
  // The phone's menu of every page, grouped; on a wide screen the pages are one row of links.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    signInAsMiniApp().then(
      () => setMiniApp("done"),
      (error: unknown) => setMiniApp(error instanceof Error ? error : new Error(String(error))),
    );
  }, []);
  const me = useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      const answer = await api<Me>("/api/me");
      rememberCsrfToken(answer.csrfToken);
      return answer;
    },
    enabled: miniApp === "done",
  });
  const language = me.data?.language;
  useEffect(() => {
    if (language !== undefined) setLocale(language);
  }, [language, setLocale]);
  if (miniApp instanceof Error) return <SignedOut message={miniApp.message} />;
  if (me.isPending) return <main className="page-message">{t("panel-loading")}</main>;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 401) return <SignedOut />;
    return <SignedOut message={me.error.message} />;
  }
  const visible = panelPages.filter(
    (page) => (page.permission === null || me.data.permissions.includes(page.permission)) && (page.module === undefined || me.data.modules.includes(page.module)),
  );
  const groups = [...new Set(visible.map((page) => page.group))].map((group) => ({ group, pages: visible.filter((page) => page.group === group) }));
  const current = visible.find((page) => page.path === path) ?? (path === "/" ? visible[0] : undefined);
  const follow = (event: MouseEvent<HTMLAnchorElement>, to: string) => {
    event.preventDefault();
    setMenuOpen(false);
    navigate(to);
  };
  const signOut = async () => {
    await api("/api/auth/logout", { method: "POST" }).catch(() => undefined);
    rememberBearer(undefined);
    queryClient.clear();
    window.location.assign("/");
  };
  return (
    <MeContext.Provider value={me.data}>
      <div className="panel">
        <header className="panel-header">
          <strong className="panel-brand">{t("panel-brand")}</strong>
          <button type="button" className="panel-menu-button" aria-expanded={menuOpen} aria-controls="panel-menu" onClick={() => setMenuOpen(!menuOpen)}>
            {t("panel-menu", { page: current === undefined ? "" : t(current.title) })}
          </button>
          <nav className="panel-nav" aria-label={t("panel-nav-label")}>
            {visible.map((page) => (
              <a key={page.path} href={page.path} aria-current={page === current ? "page" : undefined} onClick={(event) => follow(event, page.path)}>
                {t(page.title)}
              </a>
            ))}
          </nav>
          {menuOpen ? (
            <nav id="panel-menu" className="panel-menu" aria-label={t("panel-menu-label")}>
              {groups.map(({ group, pages }) => (
                <section key={group} aria-label={t(group)}>
                  <h2>{t(group)}</h2>
                  {pages.map((page) => (
                    <a key={page.path} href={page.path} aria-current={page === current ? "page" : undefined} onClick={(event) => follow(event, page.path)}>
                      {t(page.title)}
                    </a>
                  ))}
                </section>
              ))}
            </nav>
          ) : null}
          <span className="panel-person">{me.data.name}</span>
          <LanguageSwitch />
          <button type="button" className="panel-signout" onClick={() => void signOut()}>
            {t("panel-sign-out")}
          </button>
        </header>
        <main className="panel-main">
          {current === undefined ? (
            <p className="page-message">{visible.length === 0 ? t("panel-no-pages") : t("panel-page-not-found")}</p>
          ) : (
            <current.component />
          )}
        </main>
      </div>
    </MeContext.Provider>
  );
}

/** The admin panel: the signed-in person's pages, by path, on a phone too and inside Telegram. */
export function Panel() {
  return (
    <QueryClientProvider client={queryClient}>
      <PanelFrame />
    </QueryClientProvider>
  );
}
