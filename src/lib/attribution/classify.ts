import { createHash } from "node:crypto"

export const TOUCH_CHANNELS = ["web", "mobile", "social", "email", "chat", "qr", "in_store"] as const
export type TouchChannel = (typeof TOUCH_CHANNELS)[number]
export type Device = "desktop" | "mobile" | "tablet" | "unknown"

const SOCIAL = /(^|\.)(facebook|fb|instagram|tiktok|twitter|x|t|linkedin|lnkd|pinterest|youtube|youtu|reddit|snapchat|threads)\.(com|net|co|be|in)$/
const SOCIAL_WORDS = new Set(["facebook", "fb", "instagram", "ig", "tiktok", "twitter", "x", "linkedin", "pinterest", "youtube", "reddit", "snapchat", "threads", "social", "social-media", "paid-social"])
const CHAT_WORDS = new Set(["whatsapp", "telegram", "messenger", "signal", "sms", "chat", "wechat", "line", "viber"])
const CHAT_HOSTS = /(^|\.)(whatsapp\.com|wa\.me|t\.me|telegram\.org|messenger\.com)$/

/**
 * A touch's channel: the explicit `ch` tag when it is one of ours; otherwise inferred from UTM medium/source,
 * then from the referrer host; `web` when nothing tells.
 */
export function inferChannel({
  ch,
  utmMedium,
  utmSource,
  referrerHost,
}: {
  ch?: string | null
  utmMedium?: string | null
  utmSource?: string | null
  referrerHost?: string | null
}): TouchChannel {
  const tag = ch?.toLowerCase().replace("-", "_")
  if (tag && (TOUCH_CHANNELS as readonly string[]).includes(tag)) return tag as TouchChannel
  for (const word of [utmMedium, utmSource].map((w) => w?.toLowerCase().trim())) {
    if (!word) continue
    if (word === "email" || word === "newsletter" || word === "e-mail") return "email"
    if (word === "qr" || word === "qrcode") return "qr"
    if (CHAT_WORDS.has(word)) return "chat"
    if (SOCIAL_WORDS.has(word)) return "social"
  }
  const host = referrerHost?.toLowerCase()
  if (host) {
    if (CHAT_HOSTS.test(host)) return "chat"
    if (SOCIAL.test(host)) return "social"
    if (/(^|\.)(mail\.google\.com|outlook\.live\.com|mail\.yahoo\.com)$/.test(host)) return "email"
  }
  return "web"
}

export function deviceClass(userAgent: string | undefined): Device {
  if (!userAgent) return "unknown"
  if (/iPad|Tablet|PlayBook|Silk|(Android(?!.*Mobile))/i.test(userAgent)) return "tablet"
  if (/Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i.test(userAgent)) return "mobile"
  return "desktop"
}

export function referrerHostOf(referrer: string | undefined): string | null {
  if (!referrer) return null
  try {
    return new URL(referrer).host.toLowerCase().slice(0, 255) || null
  } catch {
    return null
  }
}

export function hashIp(salt: string, ip: string | undefined): string | null {
  if (!ip) return null
  return createHash("sha256").update(`${salt}:${ip}`).digest("base64url").slice(0, 32)
}
