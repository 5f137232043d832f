import { useCallback, useEffect, useState } from "react";
import type { CreateUserRequest, EmulatorState } from "../../../src/sandbox/control.ts";
import { api, errorMessage } from "./api.ts";
import { ChatView } from "./ChatView.tsx";
import { GroupView } from "./GroupView.tsx";
import { UserList } from "./UserList.tsx";
import "./playground.css";

/** How often the user and bot lists refresh (users can be created elsewhere, bots connect late). */
const STATE_REFRESH_MS = 5000;

function readParam(name: string): number | undefined {
  const value = new URLSearchParams(window.location.search).get(name);
  return value !== null && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

/** Keeps the chosen user (or group) and bot in the address (?user=&group=&bot=), so a reload reopens the chat. */
function writeParams(user: number | undefined, group: number | undefined, bot: number | undefined): void {
  const params = new URLSearchParams(window.location.search);
  for (const [k, v] of [["user", user], ["group", group], ["bot", bot]] as const) {
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
  const [groupId, setGroupId] = useState<number | undefined>(() => readParam("group"));
  const openUser = (id: number | undefined): void => {
    setGroupId(undefined);
    setUserId(id);
  };
  const openGroup = (id: number): void => {
    setUserId(undefined);
    setGroupId(id);
  };

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

  useEffect(() => writeParams(userId, groupId, botId), [userId, groupId, botId]);

  const createUser = async (req: CreateUserRequest): Promise<boolean> => {
    try {
      const user = await api.createUser(req);
      setError(undefined);
      setState((s) => (s !== undefined ? { ...s, users: [...s.users.filter((u) => u.id !== user.id), user] } : s));
      openUser(user.id);
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
  const group = state?.groups.find((g) => g.chat.id === groupId);
  const view = user !== undefined || group !== undefined ? "chat" : "list";

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
        {state !== undefined && state.groups.length > 0 && (
          <div className="pg-groups">
            <h2 className="pg-section-title">Groups</h2>
            <ul className="pg-user-list">
              {state.groups.map((g) => (
                <li key={g.chat.id}>
                  <button type="button" className={g.chat.id === groupId ? "pg-user pg-user-selected" : "pg-user"} aria-current={g.chat.id === groupId ? "true" : undefined} onClick={() => openGroup(g.chat.id)}>
                    <span className="pg-user-text">
                      <span className="pg-user-name">{"title" in g.chat ? g.chat.title : g.chat.id}</span>
                      <span className="pg-user-sub">
                        {"is_forum" in g.chat && g.chat.is_forum === true ? `forum · ${g.topics.length} topics` : g.chat.type} · {g.members.length} members
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {state !== undefined && <UserList users={state.users} selectedId={user?.id} onSelect={openUser} onCreate={createUser} />}
      </aside>
      <main className="pg-main">
        {group !== undefined && state !== undefined ? (
          <GroupView key={`${group.chat.id}:${bot?.id ?? "none"}`} group={group} users={state.users} bot={bot} onBack={() => setGroupId(undefined)} />
        ) : user !== undefined ? (
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
