// A Redis for tests that run several store processes: the one at REDIS_URL (default redis://127.0.0.1:6379), or,
// when none answers, a `redis-server` started here on a free port (no persistence) if the binary exists.
// Each test run claims an empty database index of its own (1–15, by an expiring NX key), so parallel runs on one
// Redis do not collide and nobody else's data is touched, and empties it afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import Redis from "ioredis"
import { freePort } from "./store-process"

const CLAIM_KEY = "medusa-plugin-promoter:test-claim"

export type TestRedis = {
  /** redis://host:port/db — give it to the store processes as REDIS_URL. */
  url: string
  client: Redis
  /** Empties the claimed database (FLUSHDB), closes the client and stops a server started here. */
  release: () => Promise<void>
}

function defaultUrl(): string {
  return process.env.REDIS_URL || "redis://127.0.0.1:6379"
}

export function redisServerBinary(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(dir, "redis-server")
    if (dir && fs.existsSync(candidate)) return candidate
  }
  return null
}

/** Synchronous check (for deciding at collection time whether a test can run): a Redis answers, or one can be started. */
export function redisObtainable(): boolean {
  if (redisServerBinary()) return true
  const { hostname, port } = new URL(defaultUrl())
  const probe = spawnSync(
    process.execPath,
    ["-e", `const s=require("net").connect(${Number(port || 6379)},${JSON.stringify(hostname)});s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),1500)`],
    { timeout: 3000 }
  )
  return probe.status === 0
}

async function reachable(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1500 })
  client.on("error", () => {})
  try {
    await client.connect()
    return (await client.ping()) === "PONG"
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

async function startRedisServer(binary: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  })
  const url = `redis://127.0.0.1:${port}`
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) break
    if (await reachable(url)) return { url, child }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill("SIGKILL")
  throw new Error(`redis-server did not start on port ${port}`)
}

export async function acquireRedis(): Promise<TestRedis> {
  let base = defaultUrl()
  let child: ChildProcess | null = null
  if (!(await reachable(base))) {
    const binary = redisServerBinary()
    if (!binary) throw new Error(`No Redis answers at ${base} and there is no redis-server binary to start one`)
    ;({ url: base, child } = await startRedisServer(binary))
  }
  const withDb = (index: number) => {
    const u = new URL(base)
    u.pathname = `/${index}`
    return u.toString()
  }
  const token = `${process.pid}-${Date.now()}`
  let db = -1
  let client: Redis | null = null
  for (let index = 1; index <= 15 && db < 0; index++) {
    const candidate = new Redis(withDb(index), { maxRetriesPerRequest: 1 })
    candidate.on("error", () => {})
    // The claim expires on its own if a run dies without releasing it. Only an otherwise empty database is taken.
    if ((await candidate.set(CLAIM_KEY, token, "EX", 3600, "NX")) === "OK" && (await candidate.dbsize()) === 1) {
      db = index
      client = candidate
    } else {
      if ((await candidate.get(CLAIM_KEY)) === token) await candidate.del(CLAIM_KEY)
      candidate.disconnect()
    }
  }
  if (!client) {
    child?.kill("SIGKILL")
    throw new Error("No empty Redis database among 1–15 (others are claimed by other test runs or hold data)")
  }
  const claimed = client
  return {
    url: withDb(db),
    client: claimed,
    release: async () => {
      try {
        await claimed.flushdb()
      } finally {
        claimed.disconnect()
        if (child) {
          child.kill("SIGTERM")
          await new Promise((r) => child!.once("exit", r))
        }
      }
    },
  }
}
