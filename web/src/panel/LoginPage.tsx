import { useState } from "react";
import { api } from "./api.ts";
import "./panel.css";

// Read once and taken out of the address bar, so it is not left in history or a bookmark.
const token = new URLSearchParams(window.location.hash.slice(1)).get("token");
if (token !== null) window.history.replaceState(null, "", window.location.pathname);

/**
 * Where a login link lands. Opening it changes nothing (link previews and scanners open links
 * too); only "Continue" posts the token, which the server uses up and answers with a session.
 */
export function LoginPage() {
  const [state, setState] = useState<"ready" | "busy" | Error>("ready");
  if (token === null) {
    return (
      <main className="page-message">
        <h1>No sign-in link</h1>
        <p>Send /login to the bot and open the link it sends you.</p>
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
      <h1>Sign in to Botyard</h1>
      {state instanceof Error ? (
        <p role="alert">{state.message}</p>
      ) : (
        <>
          <p>This link signs you in once. Continue on this device?</p>
          <button type="button" className="primary" disabled={state === "busy"} onClick={() => void proceed()}>
            Continue
          </button>
        </>
      )}
    </main>
  );
}
