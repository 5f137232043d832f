import { useEffect, useRef } from "react";
import type { CallbackNotice } from "./transcript.ts";

export interface Alert {
  text: string;
}

interface Props {
  toast: CallbackNotice | undefined;
  alert: Alert | undefined;
  onToastDone: () => void;
  onAlertClose: () => void;
}

const TOAST_MS = 3500;

/** The bot's callback answers: a short toast, or a modal alert when show_alert was set. */
export function Notices({ toast, alert, onToastDone, onAlertClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (toast === undefined) return;
    const timer = setTimeout(onToastDone, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, onToastDone]);

  useEffect(() => {
    const el = dialog.current;
    if (el === null) return;
    if (alert !== undefined && !el.open) el.showModal();
    if (alert === undefined && el.open) el.close();
  }, [alert]);

  return (
    <>
      {toast !== undefined && (
        <div className="pg-toast" role="status" key={toast.seq}>
          {toast.text}
        </div>
      )}
      <dialog ref={dialog} className="pg-alert" onClose={onAlertClose} aria-label="Alert from the bot">
        <form method="dialog">
          <p>{alert?.text}</p>
          <button type="submit" className="pg-primary" autoFocus>
            OK
          </button>
        </form>
      </dialog>
    </>
  );
}
