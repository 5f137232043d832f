/** A message nobody has marked seen this long after it came is brought up again. */
export const UNSEEN_AFTER_MS = 24 * 60 * 60 * 1000;

/** The scheduled event that brings it up. */
export const UNSEEN_EVENT = "feedback.unseen";
