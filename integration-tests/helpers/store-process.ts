// Starts the demo store as its own process (medusa start, from demo/) on a database of the test runner.
import { spawn, type ChildProcess } from "node:child_process"
import net from "node:net"
import path from "node:path"

const root = path.join(__dirname, "../..")

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = net.createServer()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export type StoreProcess = { port: number; child: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => Promise<number | null> }

export async function startStoreProcess({
  databaseUrl,
  env = {},
  startTimeoutMs = 90_000,
  wrap = [],
}: {
  databaseUrl: string
  env?: Record<string, string>
  /** A command the store runs under, e.g. `["faketime", "2027-01-01 01:59:00"]` for a fake wall clock. */
  wrap?: string[]
  /** Several processes starting at once on a small machine need longer than one. */
  startTimeoutMs?: number
}): Promise<StoreProcess> {
  const port = await freePort()
  const medusa = [path.join(root, "node_modules/.bin/medusa"), "start"]
  const [command, ...args] = [...wrap, ...medusa]
  // A process group of its own: a wrapper (faketime) or the CLI may start the server as a child, and stopping the
  // store must stop all of them, or a store outlives its test and takes the machine's CPU.
  const child = spawn(command, args, {
    detached: true,
    cwd: path.join(root, "demo"),
    env: { ...process.env, NODE_OPTIONS: "", DATABASE_URL: databaseUrl, PORT: String(port), MEDUSA_ADMIN_DISABLED: "true", ...env },
  })
  let output = ""
  child.stdout!.on("data", (d) => (output += d))
  child.stderr!.on("data", (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The store exited early:\n${output.slice(-3000)}`)
    try {
      const res = await fetch(`http://localhost:${port}/health`)
      if (res.ok) break
    } catch {
      // not up yet
    }
    if (Date.now() - started > startTimeoutMs) {
      process.kill(-child.pid!, "SIGKILL")
      throw new Error(`The store did not answer /health in ${startTimeoutMs / 1000} s:\n${output.slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    port,
    child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      try {
        process.kill(-child.pid!, signal)
      } catch {
        child.kill(signal) // the group is gone already
      }
      return await exited
    },
  }
}
