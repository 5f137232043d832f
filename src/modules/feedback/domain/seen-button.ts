/** Callback data of the "Seen" button on a notice to the team: `feedback:seen:<message id>`. */
export const seenButton = {
  pattern: /^feedback:seen:(\d+)$/,
  encode(feedbackId: number): string {
    return `feedback:seen:${feedbackId}`;
  },
  decode(data: string): number | undefined {
    const match = seenButton.pattern.exec(data);
    return match === null ? undefined : Number(match[1]);
  },
};
