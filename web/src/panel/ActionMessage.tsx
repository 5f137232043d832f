/** What became of the last button pressed: the server's refusal, or a short note that it worked. */
export function ActionMessage({ message }: { message: { kind: "error" | "notice"; text: string } | undefined }) {
  if (message === undefined) return null;
  return message.kind === "error" ? (
    <p role="alert" className="error">
      {message.text}
    </p>
  ) : (
    <p role="status" className="notice">
      {message.text}
    </p>
  );
}
