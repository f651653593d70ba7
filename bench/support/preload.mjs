// Loaded into the benchmarked server processes with
// NODE_OPTIONS=--import <this file>. Wrappers (npm, tsx, the build step) are
// node processes too and load it as well; it does something only in the
// process that runs the server, whose argv[1] matches $BENCH_SERVER_SCRIPT
// (src/main.ts, dist/main.js, bench/floor/server.ts, bench/naive/server.ts).
//
// It opens a small control endpoint on 127.0.0.1:$BENCH_CONTROL_PORT (never
// used while a measurement runs) that tells the harness:
//   GET  /stats            pid, SQL statements sent to the drivers so far, GC
//                          time, event-loop utilisation, memory
//   POST /trace/start      start recording the SQL text of every statement
//   POST /trace/stop       stop, and answer { sql: count } since the start
//   POST /profile/start    start the V8 CPU profiler (in-process inspector)
//   POST /profile/stop?path=<file>  stop it and write the .cpuprofile there
//
// Statements are counted where the drivers run them: every better-sqlite3
// Statement#run/#get/#all/#iterate and Database#exec (BEGIN and COMMIT
// included, also those of db.transaction()), and every pg Client#query (a
// Pool's query goes through a Client's).
import { createRequire } from 'node:module'
import { createServer } from 'node:http'
import { Session } from 'node:inspector'
import { writeFileSync } from 'node:fs'
import { PerformanceObserver, performance } from 'node:perf_hooks'

const script = process.argv[1] ?? ''
const port = Number(process.env.BENCH_CONTROL_PORT)

const serverScript = new RegExp(process.env.BENCH_SERVER_SCRIPT || String.raw`(?:src[\/]main|bench[\/]floor[\/]server)\.ts$`)

if (port && serverScript.test(script)) {
  const require = createRequire(`${process.cwd()}/`)
  let statements = 0
  /** @type {Map<string, number> | undefined} */
  let trace
  const count = (sql) => {
    statements++
    if (trace) trace.set(sql, (trace.get(sql) ?? 0) + 1)
  }

  try {
    // Counted when a statement runs (not when it is prepared: a server may
    // prepare once and run many times). better-sqlite3 does not export its
    // Statement class; a throw-away statement gives its prototype.
    const Database = require('better-sqlite3')
    const probe = new Database(':memory:')
    const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'))
    probe.close()
    for (const method of ['run', 'get', 'all', 'iterate']) {
      const original = Statement[method]
      Statement[method] = function (...args) {
        count(this.source)
        return original.apply(this, args)
      }
    }
    const { exec } = Database.prototype
    Database.prototype.exec = function (sql, ...rest) {
      count(String(sql))
      return exec.call(this, sql, ...rest)
    }
  } catch {
    // not installed: nothing to count
  }
  try {
    const pg = require('pg')
    const { query } = pg.Client.prototype
    pg.Client.prototype.query = function (config, ...rest) {
      count(typeof config === 'string' ? config : (config?.text ?? config?.name ?? '?'))
      return query.call(this, config, ...rest)
    }
  } catch {
    // not installed
  }

  let gcMs = 0
  let gcCount = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration
      gcCount++
    }
  }).observe({ entryTypes: ['gc'] })

  let session
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result))))

  const json = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  const control = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://control')
      if (url.pathname === '/stats') {
        const elu = performance.eventLoopUtilization()
        return json(res, 200, {
          pid: process.pid,
          statements,
          gcMs,
          gcCount,
          elu: { idle: elu.idle, active: elu.active },
          memory: process.memoryUsage(),
          cpu: process.cpuUsage(),
        })
      }
      if (url.pathname === '/trace/start') {
        trace = new Map()
        return json(res, 200, { ok: true })
      }
      if (url.pathname === '/trace/stop') {
        const result = Object.fromEntries(trace ?? [])
        trace = undefined
        return json(res, 200, result)
      }
      if (url.pathname === '/profile/start') {
        session = new Session()
        session.connect()
        await post('Profiler.enable')
        await post('Profiler.setSamplingInterval', { interval: Number(url.searchParams.get('interval') ?? 250) })
        await post('Profiler.start')
        return json(res, 200, { ok: true })
      }
      if (url.pathname === '/profile/stop') {
        const { profile } = await post('Profiler.stop')
        await post('Profiler.disable')
        session.disconnect()
        session = undefined
        const path = url.searchParams.get('path')
        if (path) writeFileSync(path, JSON.stringify(profile))
        return json(res, 200, { ok: true, path })
      }
      json(res, 404, { error: 'unknown' })
    } catch (error) {
      json(res, 500, { error: String(error) })
    }
  })
  control.listen(port, '127.0.0.1')
  control.unref()
}
