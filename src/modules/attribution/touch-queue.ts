// The write-behind queue of touches: short-link redirects queue a touch and return at once; the queue writes them in
// batches (every 200 ms or 500 touches) and on shutdown, one flush after another so uniqueness is judged in order.
import type { Logger } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { NewTouch } from "./touches"

const FLUSH_DELAY_MS = 200
const FLUSH_SIZE = 500
const MAX_BUFFER = 50_000
const RETRY_DELAY_MS = 5000

export class TouchQueue {
  private buffer_: NewTouch[] = []
  private timer_: NodeJS.Timeout | null = null
  private flushing_: Promise<void> = Promise.resolve()

  /** `write` writes a batch now (the module's recordTouches: looked up on each call, so a test can replace it). */
  constructor(private readonly deps: { write: (batch: NewTouch[]) => Promise<void>; logger: Logger }) {}

  enqueue(touch: NewTouch): void {
    if (this.buffer_.length >= MAX_BUFFER) {
      this.deps.logger.warn("promoter touches: buffer full, dropping a touch")
      return
    }
    this.buffer_.push(touch)
    if (this.buffer_.length >= FLUSH_SIZE) {
      void this.flush()
    } else if (!this.timer_) {
      this.schedule_(FLUSH_DELAY_MS)
    }
  }

  /** Writes every queued touch. Flushes run one after another, so uniqueness is judged in order. */
  async flush(): Promise<void> {
    if (this.timer_) {
      clearTimeout(this.timer_)
      this.timer_ = null
    }
    this.flushing_ = this.flushing_.then(async () => {
      const batch = this.buffer_.splice(0)
      if (batch.length) await this.writeQueued_(batch)
    })
    return this.flushing_
  }

  private schedule_(delayMs: number): void {
    this.timer_ = setTimeout(() => void this.flush(), delayMs)
    this.timer_.unref()
  }

  /** Writes a batch from the queue; never throws (the flush chain must go on), requeues what it could not write. */
  private async writeQueued_(batch: NewTouch[]): Promise<void> {
    let result: { unwritten: NewTouch[]; failure: unknown }
    try {
      await this.deps.write(batch)
      return
    } catch (error) {
      result = { unwritten: batch, failure: error }
    }
    if (isDataError(result.failure)) {
      // PostgreSQL refused a value (a NUL byte, a value outside a check): retrying the same batch would fail for
      // ever and hold back every later touch, so the batch is written touch by touch and only bad ones dropped.
      result = await this.writeOneByOne_(batch)
      if (!result.unwritten.length) return
    }
    this.deps.logger.error(`promoter touches: could not write ${result.unwritten.length} touches, will retry: ${briefly(result.failure)}`)
    this.buffer_.unshift(...result.unwritten.slice(0, MAX_BUFFER - this.buffer_.length))
    if (!this.timer_) this.schedule_(RETRY_DELAY_MS)
  }

  /** Writes touches one at a time, dropping those refused for their data; stops at any other error. */
  private async writeOneByOne_(batch: NewTouch[]): Promise<{ unwritten: NewTouch[]; failure: unknown }> {
    for (let i = 0; i < batch.length; i++) {
      try {
        await this.deps.write([batch[i]])
      } catch (error) {
        if (!isDataError(error)) return { unwritten: batch.slice(i), failure: error }
        this.deps.logger.warn(`promoter touches: dropped a touch of promoter ${batch[i].promoter_id} that the database refused: ${briefly(error)}`)
      }
    }
    return { unwritten: [], failure: null }
  }
}

/**
 * Refused for the row, not for the connection: SQLSTATE classes 22 (data exception) and 23 (integrity constraint
 * violation), also as Medusa's repository reports not-null, unique and foreign-key violations (a MedusaError of type
 * invalid_data or not_found, without the SQLSTATE).
 */
function isDataError(error: unknown): boolean {
  const { code, type } = (error ?? {}) as { code?: unknown; type?: unknown }
  return (typeof code === "string" && /^2[23]/.test(code)) || type === MedusaError.Types.INVALID_DATA || type === MedusaError.Types.NOT_FOUND
}

/** The end of an error message (where PostgreSQL's reason is): a failed batch's SQL would otherwise fill the log. */
function briefly(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.length > 300 ? `…${message.slice(-300)}` : message
}
