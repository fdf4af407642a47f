import { createHash } from "node:crypto"
import QRCode from "qrcode"

export type QrFormat = "png" | "svg"

/** Renders a QR code of `text` as PNG (Buffer) or SVG (string), `size` pixels wide. */
export async function renderQr({ text, format, size }: { text: string; format: QrFormat; size: number }) {
  const options = { width: size, margin: 2, errorCorrectionLevel: "M" as const }
  if (format === "svg") {
    return { body: await QRCode.toString(text, { ...options, type: "svg" }), contentType: "image/svg+xml" }
  }
  return { body: await QRCode.toBuffer(text, { ...options, type: "png" }), contentType: "image/png" }
}

/** A strong ETag for one rendering: the same text, format and size always give the same image. */
export function qrEtag({ text, format, size }: { text: string; format: QrFormat; size: number }) {
  return `"${createHash("sha256").update(`${format}:${size}:${text}`).digest("base64url").slice(0, 27)}"`
}
