import type { Message } from "@grammyjs/types";
import { Caption, MessageMeta, Visual } from "./MessageBubble.tsx";
import { editableField, type ChatAlbum } from "./transcript.ts";

interface Props {
  album: ChatAlbum;
  onCommand: (command: string) => void;
  onEdit: (message: Message) => void;
  busy: boolean;
}

/** An album: its photos and videos in one grid, the caption (an item's, usually the first's) under it. */
export function AlbumBubble({ album, onCommand, onEdit, busy }: Props) {
  const { fromBot, messages } = album;
  const captioned = messages.find((m) => m.message.caption !== undefined) ?? messages[0];
  const first = messages[0];
  if (first === undefined || captioned === undefined) return null;
  const editTarget = !fromBot && !busy && editableField(captioned.message) !== undefined ? () => onEdit(captioned.message) : undefined;
  return (
    <div className={fromBot ? "pg-row pg-row-bot" : "pg-row pg-row-user"} data-media-group-id={first.message.media_group_id}>
      <div className="pg-message">
        <div className={fromBot ? "pg-bubble pg-bubble-bot pg-album" : "pg-bubble pg-bubble-user pg-album"}>
          <div className="pg-album-grid" data-count={Math.min(messages.length, 4)} role="group" aria-label={`Album of ${messages.length}`}>
            {messages.map((m) => (
              <div key={m.key} className="pg-album-item" data-message-id={m.message.message_id}>
                <Visual message={m.message} />
              </div>
            ))}
          </div>
          <Caption message={captioned.message} onCommand={fromBot ? onCommand : undefined} />
          <MessageMeta date={first.message.date} edited={messages.some((m) => m.edited)} onEdit={editTarget} />
        </div>
      </div>
    </div>
  );
}
