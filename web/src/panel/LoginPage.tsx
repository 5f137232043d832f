import { useState } from "react";
import { api } from "./api.ts";
import { useT } from "./i18n/useT.ts";
import "./panel.css";

// Read once and taken out of the address bar, so it is not left in history or a bookmark.
const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
if (token !== null) window.history.replaceState(null, "", window.location.pathname);

/**
 * Where a login link lands. Opening it changes nothing (link previews and scanners open links
 * too); only “Continue” posts the token, which the server uses up and answers with a session.
 */
export function LoginPage() {
  const t = useT();
  const [state, setState] = useState<"ready" | "busy" | Error>("ready");
  if (token === null) {
    return (
      <main className="page-message">
        <h1>{t("login-no-link")}</h1>
        <p>{t("login-no-link-hint")}</p>
      </main>
    );
  }
  const proceed = async () => {
    setState("busy");
    try {
      await api("/api/auth/link", { body: { token } });
      window.location.assign("/");
    } catch (error) {
      setState(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return (
    <main className="page-message">
      <h1>{t("login-title")}</h1>
      {state instanceof Error ? (
        <p role="alert">{state.message}</p>
      ) : (
        <>
          <p>{t("login-once")}</p>
          <button type="button" className="primary" disabled={state === "busy"} onClick={() => void proceed()}>
            {t("login-continue")}
          </button>
        </>
      )}
    </main>
  );
}
