import { useEffect, useRef, useState } from "react";
import { api, errorMessage } from "./api.ts";
import { applyEntries, emptyChat, type CallbackNotice, type ChatState } from "./transcript.ts";

/** How long a long-poll read of the transcript waits on the server, in seconds. */
const WAIT_SECONDS = 20;
/** Pause after a failed read before the next one (not a test timing: the UI's retry pace). */
const RETRY_MS = 2000;

/**
 * Follows one chat's transcript: reads what is there, then long-polls for what comes after the
 * last seq, until the component unmounts or the chat changes. Callback answers that arrive
 * while following (not the ones already in the history) go to `onNotice`.
 */
export function useTranscript(chatId: number, botId: number | undefined, onNotice: (notice: CallbackNotice) => void): { chat: ChatState; error: string | undefined; loaded: boolean } {
  const [chat, setChat] = useState<ChatState>(emptyChat);
  const [error, setError] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);
  const notify = useRef(onNotice);
  useEffect(() => {
    notify.current = onNotice;
  }, [onNotice]);

  useEffect(() => {
    const stop = new AbortController();
    const { signal } = stop;
    setChat(emptyChat);
    setError(undefined);
    setLoaded(false);
    const follow = async (): Promise<void> => {
      let state = emptyChat;
      let first = true;
      while (!signal.aborted) {
        try {
          const params = { chat_id: chatId, after: state.lastSeq, wait: first ? 0 : WAIT_SECONDS, ...(botId !== undefined ? { bot: botId } : {}) };
          const entries = await api.transcript(params, signal);
          if (signal.aborted) return;
          const applied = applyEntries(state, entries);
          state = applied.state;
          setChat(state);
          setError(undefined);
          if (first) setLoaded(true);
          else for (const notice of applied.notices) notify.current(notice);
          first = false;
        } catch (e) {
          if (signal.aborted) return;
          setError(`Could not read the chat: ${errorMessage(e)}`);
          await sleep(RETRY_MS, signal);
        }
      }
    };
    void follow();
    return () => stop.abort();
  }, [chatId, botId]);

  return { chat, error, loaded };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
