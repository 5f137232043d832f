import { useCallback, useState } from "react";
import type { Message, User } from "@grammyjs/types";
import type { GroupState } from "../../../src/sandbox/control.ts";
import { api, errorMessage } from "./api.ts";
import { Icon } from "./Icon.tsx";
import { MessageBubble } from "./MessageBubble.tsx";
import { Notices, type Alert } from "./Notices.tsx";
import { groupAlbums, itemsInTopic, type CallbackNotice, type ChatItem } from "./transcript.ts";
import { useTranscript } from "./useTranscript.ts";
import { AlbumBubble } from "./AlbumBubble.tsx";

interface Props {
  group: GroupState;
  users: readonly User[];
  bot: User | undefined;
  onBack: () => void;
}

function nameOf(user: User | undefined): string {
  return user === undefined ? "?" : [user.first_name, user.last_name].filter(Boolean).join(" ");
}

/**
 * A group chat as its members see it: in a forum, its topics (General first) and the messages of
 * the one chosen; in a group without topics, every message, where a reply to one of the bot's
 * messages is how staff answer a card. Messages are written as one of the group's members.
 */
export function GroupView({ group, users, bot, onBack }: Props) {
  const isForum = "is_forum" in group.chat && group.chat.is_forum === true;
  const title = "title" in group.chat ? group.chat.title : String(group.chat.id);
  const members = group.members.map((id) => users.find((user) => user.id === id)).filter((user): user is User => user !== undefined);
  const [asId, setAsId] = useState<number | undefined>(members[0]?.id);
  const writer = members.find((member) => member.id === asId) ?? members[0];
  const [topicId, setTopicId] = useState<number | undefined>();
  const [replyTo, setReplyTo] = useState<Message | undefined>();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [alert, setAlert] = useState<Alert | undefined>();
  const [toast, setToast] = useState<CallbackNotice | undefined>();
  const onNotice = useCallback((notice: CallbackNotice) => (notice.alert ? setAlert({ text: notice.text }) : setToast(notice)), []);
  const { chat, error: readError } = useTranscript(group.chat.id, bot?.id, onNotice);
  const items: ChatItem[] = isForum ? itemsInTopic(chat.items, topicId) : chat.items;
  const topic = group.topics.find((candidate) => candidate.message_thread_id === topicId);

  const base = { chat_id: group.chat.id, ...(bot !== undefined ? { bot: bot.id } : {}) };
  async function run(what: string, action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    try {
      await action();
      setError(undefined);
      return true;
    } catch (e) {
      setError(`${what} failed: ${errorMessage(e)}`);
      return false;
    } finally {
      setBusy(false);
    }
  }
  const send = async (): Promise<void> => {
    const body = text.trim();
    if (body === "" || writer === undefined) return;
    const sent = await run("Sending", () =>
      api.send({ ...base, from: writer.id, text: body, ...(topicId !== undefined ? { message_thread_id: topicId } : {}), ...(replyTo !== undefined ? { reply_to_message_id: replyTo.message_id } : {}) }),
    );
    if (sent) {
      setText("");
      setReplyTo(undefined);
    }
  };
  const press = (messageId: number, data: string): void => {
    if (writer !== undefined) void run("Pressing the button", () => api.press({ ...base, from: writer.id, message_id: messageId, data }));
  };

  return (
    <section className="pg-chat pg-group" aria-label={`Group ${title}`}>
      <header className="pg-chat-header">
        <button type="button" className="pg-icon-button pg-back" aria-label="Back to users" onClick={onBack}>
          <Icon name="back" />
        </button>
        <div className="pg-chat-title">
          <strong>{title}</strong>
          <span className="pg-chat-subtitle">
            {isForum ? (topic !== undefined ? `topic: ${topic.name}` : "General") : "group"} · {members.length} members
          </span>
        </div>
        <span className="pg-chat-id" title="Chat id">
          #{group.chat.id}
        </span>
      </header>
      {isForum && (
        <nav className="pg-topics" aria-label="Topics">
          <button type="button" className={topicId === undefined ? "pg-topic pg-topic-selected" : "pg-topic"} aria-current={topicId === undefined ? "true" : undefined} onClick={() => setTopicId(undefined)}>
            General
          </button>
          {group.topics.map((candidate) => (
            <button
              key={candidate.message_thread_id}
              type="button"
              className={candidate.message_thread_id === topicId ? "pg-topic pg-topic-selected" : "pg-topic"}
              aria-current={candidate.message_thread_id === topicId ? "true" : undefined}
              onClick={() => setTopicId(candidate.message_thread_id)}
            >
              {candidate.name}
            </button>
          ))}
        </nav>
      )}
      <div className="pg-messages">
        <div className="pg-messages-inner">
          {groupAlbums(items).map((item) =>
            item.kind === "event" ? (
              <div key={item.key} className="pg-event">
                {item.text}
              </div>
            ) : item.kind === "album" ? (
              <AlbumBubble key={item.key} album={item} busy={busy} onCommand={() => undefined} onEdit={() => undefined} />
            ) : (
              <div key={item.key} className="pg-group-message">
                <span className="pg-sender">{item.fromBot ? nameOf(bot) : nameOf(item.message.from)}</span>
                <MessageBubble item={item} busy={busy} onPress={press} onPay={() => undefined} onCommand={() => undefined} onEdit={() => undefined} />
                {!isForum && (
                  <button type="button" className="pg-secondary pg-reply-button" onClick={() => setReplyTo(item.message)}>
                    Reply
                  </button>
                )}
              </div>
            ),
          )}
        </div>
      </div>
      {(error ?? readError) !== undefined && (
        <div className="pg-error" role="alert">
          <span>{error ?? readError}</span>
        </div>
      )}
      <Notices toast={toast} alert={alert} onToastDone={() => setToast(undefined)} onAlertClose={() => setAlert(undefined)} />
      <footer className="pg-footer">
        {replyTo !== undefined && (
          <div className="pg-replying">
            <span>Replying to: {(replyTo.text ?? "").slice(0, 60)}</span>
            <button type="button" className="pg-icon-button" aria-label="Cancel the reply" onClick={() => setReplyTo(undefined)}>
              <Icon name="close" size={16} />
            </button>
          </div>
        )}
        <form
          className="pg-group-composer"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label>
            <span>Write as</span>
            <select name="as" value={writer?.id} onChange={(e) => setAsId(Number(e.target.value))}>
              {members.map((member) => (
                <option key={member.id} value={member.id}>
                  {nameOf(member)}
                </option>
              ))}
            </select>
          </label>
          <input name="text" value={text} placeholder={topic !== undefined ? `Message in ${topic.name}` : "Message"} autoComplete="off" onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="pg-primary" disabled={busy || writer === undefined || text.trim() === ""}>
            Send
          </button>
        </form>
      </footer>
    </section>
  );
}
