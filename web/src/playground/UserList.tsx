import { useState } from "react";
import type { User } from "@grammyjs/types";
import type { CreateUserRequest } from "../../../src/sandbox/control.ts";

interface Props {
  users: readonly User[];
  selectedId: number | undefined;
  onSelect: (id: number) => void;
  /** Resolves true when the user was created (the form is cleared then). */
  onCreate: (req: CreateUserRequest) => Promise<boolean>;
}

/** The simulated Telegram users, and a form to create one. */
export function UserList({ users, selectedId, onSelect, onCreate }: Props) {
  return (
    <div className="pg-users">
      <h2 className="pg-section-title">Simulated users</h2>
      {users.length === 0 ? (
        <p className="pg-hint">No users yet: create one below, then open their chat with the bot.</p>
      ) : (
        <ul className="pg-user-list">
          {users.map((u) => (
            <li key={u.id}>
              <button
                type="button"
                className={u.id === selectedId ? "pg-user pg-user-selected" : "pg-user"}
                aria-current={u.id === selectedId ? "true" : undefined}
                onClick={() => onSelect(u.id)}
              >
                <Avatar user={u} />
                <span className="pg-user-text">
                  <span className="pg-user-name">{[u.first_name, u.last_name].filter(Boolean).join(" ")}</span>
                  <span className="pg-user-sub">
                    {u.username !== undefined ? `@${u.username} · ` : ""}
                    {u.language_code ?? "?"} · {u.id}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <CreateUserForm onCreate={onCreate} />
    </div>
  );
}

const AVATAR_COLORS = ["#e17076", "#7bc862", "#65aadd", "#a695e7", "#ee7aae", "#6ec9cb", "#faa774"];

export function Avatar({ user }: { user: User }) {
  const color = AVATAR_COLORS[Math.abs(user.id) % AVATAR_COLORS.length];
  const initials = (user.first_name.charAt(0) + (user.last_name?.charAt(0) ?? "")).toUpperCase();
  return (
    <span className="pg-avatar" style={{ background: color }} aria-hidden="true">
      {initials}
    </span>
  );
}

function CreateUserForm({ onCreate }: { onCreate: Props["onCreate"] }) {
  const [firstName, setFirstName] = useState("");
  const [username, setUsername] = useState("");
  const [language, setLanguage] = useState("en");
  const [busy, setBusy] = useState(false);

  async function submit(): Promise<void> {
    const first_name = firstName.trim();
    if (first_name === "") return;
    const name = username.trim().replace(/^@/, "");
    setBusy(true);
    try {
      const ok = await onCreate({ first_name, language_code: language, ...(name !== "" ? { username: name } : {}) });
      if (ok) {
        setFirstName("");
        setUsername("");
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="pg-create-user"
      aria-label="New user"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 className="pg-section-title">New user</h3>
      <label>
        <span>First name</span>
        <input name="first_name" value={firstName} required maxLength={64} autoComplete="off" onChange={(e) => setFirstName(e.target.value)} />
      </label>
      <label>
        <span>Username (optional)</span>
        <input
          name="username"
          value={username}
          maxLength={33}
          pattern="@?[A-Za-z0-9_]{3,32}"
          title="3-32 letters, digits or underscores"
          autoComplete="off"
          placeholder="@username"
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label>
        <span>Language</span>
        <select name="language_code" value={language} onChange={(e) => setLanguage(e.target.value)}>
          <option value="en">English (en)</option>
          <option value="ru">Русский (ru)</option>
        </select>
      </label>
      <button type="submit" className="pg-primary" disabled={busy || firstName.trim() === ""}>
        Create user
      </button>
    </form>
  );
}
