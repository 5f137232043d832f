import { useState, type ReactNode } from "react";
import type { MessageEntity } from "@grammyjs/types";
import { linkOf, toSegments, type EntitySegment, type Segment } from "./entities.ts";

interface Props {
  text: string;
  entities?: readonly MessageEntity[] | undefined;
  /** Clicking a /command in a bot's message sends it, as in Telegram. */
  onCommand?: ((command: string) => void) | undefined;
}

/** Message text with its entities as elements (React escapes the text; no HTML is parsed). */
export function FormattedText({ text, entities, onCommand }: Props) {
  return <span className="pg-text">{renderSegments(toSegments(text, entities), onCommand)}</span>;
}

function renderSegments(segments: readonly Segment[], onCommand: Props["onCommand"]): ReactNode[] {
  return segments.map((segment, i) =>
    segment.kind === "text" ? segment.text : <EntityNode key={i} segment={segment} onCommand={onCommand} />,
  );
}

function EntityNode({ segment, onCommand }: { segment: EntitySegment; onCommand: Props["onCommand"] }) {
  const children = renderSegments(segment.children, onCommand);
  const { entity } = segment;
  switch (entity.type) {
    case "bold":
      return <strong>{children}</strong>;
    case "italic":
      return <em>{children}</em>;
    case "underline":
      return <u>{children}</u>;
    case "strikethrough":
      return <s>{children}</s>;
    case "spoiler":
      return <Spoiler>{children}</Spoiler>;
    case "code":
      return <code className="pg-code">{children}</code>;
    case "pre":
      return (
        <pre className="pg-pre" data-language={entity.language}>
          <code>{children}</code>
        </pre>
      );
    case "blockquote":
    case "expandable_blockquote":
      return <blockquote className="pg-quote">{children}</blockquote>;
    case "bot_command":
      if (onCommand === undefined) return <span className="pg-command">{children}</span>;
      return (
        <button type="button" className="pg-command" onClick={() => onCommand(segment.text)}>
          {children}
        </button>
      );
    case "text_mention":
      return <span className="pg-mention" title={`user ${entity.user.id}`}>{children}</span>;
    default: {
      const href = linkOf(segment);
      if (href === undefined) return <>{children}</>;
      return (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {children}
        </a>
      );
    }
  }
}

function Spoiler({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  return (
    <span
      className={shown ? "pg-spoiler pg-spoiler-shown" : "pg-spoiler"}
      role="button"
      tabIndex={0}
      title={shown ? undefined : "Spoiler: click to show"}
      onClick={() => setShown(true)}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") setShown(true);
      }}
    >
      {children}
    </span>
  );
}
