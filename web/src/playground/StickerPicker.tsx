/** The Playground's own sticker set: each is an emoji drawn on a 512 x 512 WebP, as Telegram's static stickers are. */
const STICKERS = ["👍", "😂", "❤️", "🎉", "😮", "😢", "🙏", "🔥"];

interface Props {
  onPick: (sticker: { blob: Blob; emoji: string }) => void;
  onCancel: () => void;
  disabled?: boolean;
}

export function StickerPicker({ onPick, onCancel, disabled = false }: Props) {
  return (
    <div className="pg-sticker-picker" role="group" aria-label="Stickers">
      {STICKERS.map((emoji) => (
        <button
          key={emoji}
          type="button"
          className="pg-sticker-choice"
          aria-label={`Sticker ${emoji}`}
          disabled={disabled}
          onClick={() => void drawSticker(emoji).then((blob) => onPick({ blob, emoji }))}
        >
          {emoji}
        </button>
      ))}
      <button type="button" className="pg-secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

function drawSticker(emoji: string): Promise<Blob> {
  const canvas = document.createElement("canvas");
  canvas.width = 512;
  canvas.height = 512;
  const context = canvas.getContext("2d");
  if (context === null) return Promise.reject(new Error("this browser cannot draw a sticker"));
  context.font = "380px sans-serif";
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillText(emoji, 256, 280);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob !== null && blob.type === "image/webp" ? resolve(blob) : reject(new Error("this browser cannot make a WebP sticker"))), "image/webp");
  });
}
