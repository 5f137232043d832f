import { useState } from "react";

interface Props {
  onShare: (location: { latitude: number; longitude: number }) => void;
  onCancel: () => void;
  disabled?: boolean;
}

/** Asks which point the simulated user shares (Telegram would take the device's position). */
export function LocationForm({ onShare, onCancel, disabled = false }: Props) {
  const [latitude, setLatitude] = useState("52.52000");
  const [longitude, setLongitude] = useState("13.40500");
  return (
    <form
      className="pg-contact-form pg-location-form"
      onSubmit={(e) => {
        e.preventDefault();
        onShare({ latitude: Number(latitude), longitude: Number(longitude) });
      }}
    >
      <label>
        <span>Latitude</span>
        <input type="number" name="latitude" value={latitude} min={-90} max={90} step="any" required autoFocus onChange={(e) => setLatitude(e.target.value)} />
      </label>
      <label>
        <span>Longitude</span>
        <input type="number" name="longitude" value={longitude} min={-180} max={180} step="any" required onChange={(e) => setLongitude(e.target.value)} />
      </label>
      <button type="submit" className="pg-primary" disabled={disabled}>
        Share location
      </button>
      <button type="button" className="pg-secondary" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
