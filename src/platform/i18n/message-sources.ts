const MESSAGE_START = /^([a-zA-Z][\w-]*)[ \t]*=[ \t]*(.*)$/;
/** An indented line, or the `}` closing a multi-line placeable, which Fluent allows at the line's start. */
const CONTINUATION = /^([ \t]+\S|\})/;
const ATTRIBUTE = /^[ \t]+\./;

/**
 * The Fluent source of each message's value in a catalogue, the way an admin edits it in the
 * panel: the text after `=`, continuation lines with their common indentation removed,
 * attributes and comments left out. `help =\n    <b>What I can do</b>\n    /start – menu` gives
 * `<b>What I can do</b>\n/start – menu`. Terms (`-brand`) are not messages and are skipped.
 */
export function messageSources(ftl: string): Map<string, string> {
  const lines = ftl.replaceAll("\r\n", "\n").split("\n");
  const sources = new Map<string, string>();
  for (let index = 0; index < lines.length; index++) {
    const start = MESSAGE_START.exec(lines[index] ?? "");
    if (start === null) continue;
    const [, id = "", inline = ""] = start;
    const continuation: string[] = [];
    while (index + 1 < lines.length) {
      const line = lines[index + 1] ?? "";
      if (ATTRIBUTE.test(line) || (line.trim() !== "" && !CONTINUATION.test(line))) break;
      continuation.push(line);
      index++;
    }
    while (continuation.length > 0 && continuation.at(-1)?.trim() === "") continuation.pop();
    const indented = continuation.filter((line) => line.trim() !== "" && !line.startsWith("}"));
    const indent = Math.min(...indented.map((line) => line.length - line.trimStart().length));
    const block = continuation.map((line) => (line.trim() === "" ? "" : line.startsWith("}") ? line.trimEnd() : line.slice(indent).trimEnd()));
    while (inline.trim() === "" && block[0] === "") block.shift();
    const value = inline.trim() === "" ? block : [inline.trimEnd(), ...block];
    if (value.length > 0) sources.set(id, value.join("\n"));
  }
  return sources;
}
