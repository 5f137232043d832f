import { useState } from "react";

export const DEFAULT_PHONE = "+10000000000";

interface Props {
  onShare: (phone: string) => void;
  onCancel: () => void;
  disabled?: boolean;
}

/** Asks which phone number the simulated user shares (Telegram would share the account's own). */
export function ContactForm({ onShare, onCancel, disabled = false }: Props) {
  const [phone, setPhone] = useState(DEFAULT_PHONE);
  return (
    <form
      className="pg-contact-form"
      onSubmit={(e) => {
        e.preventDefault();
        const value = phone.trim();
        if (value !== "") onShare(value);
      }}
    >
      <label>
        <span>Share phone number</span>
        <input
          type="tel"
          name="phone"
          value={phone}
          autoFocus
          required
          pattern="\+?[0-9 \(\)\-]{5,20}"
          title="A phone number, like +10000000000"
          onChange={(e) => setPhone(e.target.value)}
        />
      </label>
      <button type="submit" className="pg-primary" disabled={disabled}>
        Share
      </button>
      <button type="button" className="pg-secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
