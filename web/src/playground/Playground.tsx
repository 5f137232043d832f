import { useCallback, useEffect, useState } from "react";
import type { CreateUserRequest, EmulatorState } from "../../../src/sandbox/control.ts";
import { api, errorMessage } from "./api.ts";
import { ChatView } from "./ChatView.tsx";
import { UserList } from "./UserList.tsx";
import "./playground.css";

/** How often the user and bot lists refresh (users can be created elsewhere, bots connect late). */
const STATE_REFRESH_MS = 5000;

function readParam(name: string): number | undefined {
  const value = new URLSearchParams(window.location.search).get(name);
  return value !== null && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** Keeps the chosen user and bot in the address (?user=&bot=), so a reload reopens the chat. */
function writeParams(user: number | undefined, bot: number | undefined): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of [["user", user], ["bot", bot]] as const) {
    if (v === undefined) params.delete(k);
    else params.set(k, String(v));
  }
  const search = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${search !== "" ? `?${search}` : ""}`);
}

/** The sandbox chat: act as simulated Telegram users talking to the bot. */
export function Playground() {
  const [state, setState] = useState<EmulatorState | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [userId, setUserId] = useState<number | undefined>(() => readParam("user"));
  const [botId, setBotId] = useState<number | undefined>(() => readParam("bot"));

  const refresh = useCallback(async (signal?: AbortSignal): Promise<void> => {
    try {
      const next = await api.state(signal);
      setState(next);
      setError(undefined);
    } catch (e) {
      if (signal?.aborted === true) return;
      setError(`Could not load the sandbox: ${errorMessage(e)}`);
    }
  }, []);

  useEffect(() => {
    const stop = new AbortController();
    void refresh(stop.signal);
    const timer = setInterval(() => void refresh(stop.signal), STATE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      stop.abort();
    };
  }, [refresh]);

  useEffect(() => writeParams(userId, botId), [userId, botId]);

  const createUser = async (req: CreateUserRequest): Promise<boolean> => {
    try {
      const user = await api.createUser(req);
      setError(undefined);
      setState((s) => (s !== undefined ? { ...s, users: [...s.users.filter((u) => u.id !== user.id), user] } : s));
      setUserId(user.id);
      void refresh();
      return true;
    } catch (e) {
      setError(`Could not create the user: ${errorMessage(e)}`);
      return false;
    }
  };

  const bots = state?.bots ?? [];
  const bot = bots.find((b) => b.id === botId) ?? bots[0];
  const user = state?.users.find((u) => u.id === userId);
  const view = user !== undefined ? "chat" : "list";

  return (
    <div className="pg" data-view={view}>
      <aside className="pg-sidebar">
        <header className="pg-brand">
          <h1>Playground</h1>
          <span className="pg-badge" title="Messages go to the built-in Bot API emulator, not to Telegram">
            sandbox
          </span>
        </header>
        {bots.length > 1 && (
          <label className="pg-bot-select">
            <span>Bot</span>
            <select value={bot?.id} onChange={(e) => setBotId(Number(e.target.value))}>
              {bots.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.first_name}
                  {b.username !== undefined ? ` (@${b.username})` : ""}
                </option>
              ))}
            </select>
          </label>
        )}
        {error !== undefined && (
          <div className="pg-error" role="alert">
            <span>{error}</span>
            <button type="button" className="pg-secondary" onClick={() => void refresh()}>
              Retry
            </button>
          </div>
        )}
        {state === undefined && error === undefined && <p className="pg-hint">Loading…</p>}
        {state !== undefined && <UserList users={state.users} selectedId={user?.id} onSelect={setUserId} onCreate={createUser} />}
      </aside>
      <main className="pg-main">
        {user !== undefined ? (
          <ChatView key={`${user.id}:${bot?.id ?? "none"}`} user={user} bot={bot} onBack={() => setUserId(undefined)} />
        ) : (
          <div className="pg-placeholder">
            <p>Choose a simulated user, or create one, to chat with the bot as them.</p>
            {state !== undefined && bots.length === 0 && <p className="pg-hint">No bot has connected to the sandbox yet.</p>}
          </div>
        )}
      </main>
    </div>
  );
}
