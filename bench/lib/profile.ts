// Reads a V8 .cpuprofile and says where the time went: self time by function
// and by package, and inclusive time by package (the share of samples whose
// stack contains that package anywhere).
//
// The gateway runs as one bundle (dist/main.js): its frames are mapped back
// to their src/ file through the source map the build writes beside the
// bundle (dist/main.js.map, src/cli/build.mjs), so that time is told per
// source module too: per src/ file (a plugin is a file: its hooks' self and
// inclusive time) and per node_modules package.
import { existsSync, readFileSync } from 'node:fs'
import { SourceMap, type SourceMapPayload } from 'node:module'
import { fileURLToPath } from 'node:url'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
  hitCount?: number
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  totalMs: number
  /** Share of time the process was idle (waiting for I/O). */
  idleShare: number
  topFunctions: { name: string; where: string; selfMs: number; share: number }[]
  selfByPackage: { name: string; selfMs: number; share: number }[]
  inclusiveByPackage: { name: string; ms: number; share: number }[]
  /**
   * Per source module: each src/ file (bundle frames mapped through the
   * bundle's source map), each node_modules package, each group of Node's
   * internals. Inclusive: the share of samples with that module anywhere on
   * the stack (what its functions cost, with everything they called).
   */
  byModule: { name: string; selfMs: number; selfShare: number; inclusiveMs: number; inclusiveShare: number }[]
  /** Whether the bundle's frames were mapped to src/ (false: no source map beside it). */
  sourceMapped: boolean
  /** Requests answered while profiling, when the caller knows: per-request costs are busy time / requests. */
  requests?: number
  /** Busy (non-idle) milliseconds. */
  busyMs: number
  /**
   * Self time with native and Node-internal frames charged to the nearest
   * package above them on the stack (who asked for that work): the
   * better-sqlite3 `all` a Prisma query runs is Prisma's adapter's, a socket
   * write is the HTTP layer's that asked for it. GC and (program) stay apart.
   */
  ownerByPackage: { name: string; ms: number; share: number }[]
}

/** Frames whose cost belongs to whoever called them (the harness's statement counter included: it only wraps). */
const isRuntime = (pkg: string) => pkg === '(native)' || pkg.startsWith('node:') || pkg === '(root)' || pkg === 'bench/support'

/** Which package (or project folder) a script belongs to. */
export function packageOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName.startsWith('(')) return functionName
    return '(native)'
  }
  if (url.startsWith('node:')) {
    // node:internal/async_hooks, node:internal/streams, node:_http_server …
    const parts = url.split('/')
    return parts[0] === 'node:internal' && parts.length > 2 ? `${parts[0]}/${parts[1]}` : url.replace(/\.js$/, '')
  }
  const modules = url.lastIndexOf('node_modules/')
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  if (/\/dist\/[^/]+\.m?js$/.test(url)) return 'dist (the gateway bundle: src/)'
  const src = url.match(/(?:^|\/)(src|bench|test)\/([^/]+)/)
  if (src) return `${src[1]}/${src[2]!.replace(/\.ts$/, '')}`
  return url.replace(/^file:\/\//, '')
}

/** A bundle's frames mapped to their original files, or undefined when the bundle has no map beside it. */
const sourceMaps = new Map<string, SourceMap | undefined>()
function sourceMapOf(url: string): SourceMap | undefined {
  if (sourceMaps.has(url)) return sourceMaps.get(url)
  let map: SourceMap | undefined
  // The gateway's bundle only: a package's own dist/ and its maps stay the package's.
  if (!url.includes('/node_modules/') && /\/dist\/[^/]+\.m?js$/.test(url)) {
    const file = `${url.startsWith('file:') ? fileURLToPath(url) : url}.map`
    if (existsSync(file)) map = new SourceMap(JSON.parse(readFileSync(file, 'utf8')) as SourceMapPayload)
  }
  sourceMaps.set(url, map)
  return map
}

interface Origin {
  /** The src/ file (or, for a package the bundle inlined, its url). */
  url: string
  /** 0-based, as a call frame's. */
  line: number
}

/** Where a bundle's frame was written: its function's start, looked up in the map. */
function originOf(url: string, line: number, column: number): Origin | undefined {
  const map = sourceMapOf(url)
  if (!map || line < 0) return undefined
  const entry = map.findEntry(line, Math.max(0, column)) as { originalSource?: string; originalLine?: number }
  if (!entry.originalSource) return undefined
  // "../src/plugins/cost-limit.ts", relative to dist/.
  const relative = entry.originalSource.replace(/^(?:file:\/\/)?(?:\.\.\/)+/, '')
  return { url: relative, line: entry.originalLine ?? 0 }
}

/** The module a frame belongs to: a src/ file (bundle frames mapped), else its package. */
export function moduleOf(url: string, functionName: string): string {
  const src = url.match(/(?:^|\/)((?:src|bench|test)\/.+\.ts)$/)
  if (src) return src[1]!
  return packageOf(url, functionName)
}

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')

export function summarizeProfile(path: string, top = 25, requests?: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  let sourceMapped = false
  // Bundle frames take their original file and line: every table below then names src/ files.
  for (const node of profile.nodes) {
    const { url, lineNumber, columnNumber } = node.callFrame
    const origin = url ? originOf(url, lineNumber, columnNumber) : undefined
    if (origin) {
      node.callFrame = { ...node.callFrame, url: origin.url, lineNumber: origin.line }
      sourceMapped = true
    }
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)

  const selfUs = new Map<number, number>()
  // A sample's time is the delta to the next sample (V8 records deltas before each sample).
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i + 1] ?? 0
    const id = profile.samples[i]!
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, delta))
  }
  let totalUs = 0
  for (const us of selfUs.values()) totalUs += us

  const functions = new Map<string, { name: string; where: string; us: number }>()
  const packagesSelf = new Map<string, number>()
  const packagesInclusive = new Map<string, number>()
  /** What `keyOf` gives for every frame on the stack down to the root (cached per node). */
  const onStack = (keyOf: (url: string, functionName: string) => string) => {
    const cache = new Map<number, Set<string>>()
    const keysOnStack = (id: number): Set<string> => {
      let cached = cache.get(id)
      if (cached) return cached
      const node = byId.get(id)!
      const above = parent.has(id) ? keysOnStack(parent.get(id)!) : new Set<string>()
      cached = new Set(above)
      cached.add(keyOf(node.callFrame.url, node.callFrame.functionName))
      cache.set(id, cached)
      return cached
    }
    return keysOnStack
  }
  const packagesOnStack = onStack(packageOf)
  const modulesOnStack = onStack(moduleOf)
  const modulesSelf = new Map<string, number>()
  const modulesInclusive = new Map<string, number>()
  const owners = new Map<number, string>()
  const ownerOf = (id: number): string => {
    let cached = owners.get(id)
    if (cached) return cached
    const node = byId.get(id)!
    const pkg = packageOf(node.callFrame.url, node.callFrame.functionName)
    cached = !isRuntime(pkg) ? pkg : parent.has(id) ? ownerOf(parent.get(id)!) : '(runtime, no JS caller: I/O callbacks, microtasks)'
    owners.set(id, cached)
    return cached
  }
  const packagesOwned = new Map<string, number>()
  let idleUs = 0
  for (const [id, us] of selfUs) {
    const owner = ownerOf(id)
    packagesOwned.set(owner, (packagesOwned.get(owner) ?? 0) + us)
    const node = byId.get(id)!
    const { functionName, url, lineNumber } = node.callFrame
    if (functionName === '(idle)') idleUs += us
    const name = functionName || '(anonymous)'
    // tsx-transpiled files (src/, bench/) have no meaningful line numbers in the profile; mapped bundle frames do.
    const where = url ? (/\.ts$/.test(url) && !sourceMapped ? shortUrl(url) : `${shortUrl(url)}:${lineNumber + 1}`) : ''
    const key = `${name}@${where}`
    const entry = functions.get(key) ?? { name, where, us: 0 }
    entry.us += us
    functions.set(key, entry)
    const pkg = packageOf(url, functionName)
    packagesSelf.set(pkg, (packagesSelf.get(pkg) ?? 0) + us)
    for (const onStack of packagesOnStack(id)) packagesInclusive.set(onStack, (packagesInclusive.get(onStack) ?? 0) + us)
    const module = moduleOf(url, functionName)
    modulesSelf.set(module, (modulesSelf.get(module) ?? 0) + us)
    for (const onStack of modulesOnStack(id)) modulesInclusive.set(onStack, (modulesInclusive.get(onStack) ?? 0) + us)
  }
  const busyUs = Math.max(1, totalUs - idleUs)
  const notIdle = ([name]: [string, number]) => name !== '(idle)' && name !== '(root)'
  return {
    totalMs: totalUs / 1000,
    busyMs: busyUs / 1000,
    sourceMapped,
    requests,
    byModule: [...modulesInclusive]
      .filter(notIdle)
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => {
        const self = modulesSelf.get(name) ?? 0
        return { name, selfMs: self / 1000, selfShare: self / busyUs, inclusiveMs: us / 1000, inclusiveShare: us / busyUs }
      }),
    idleShare: idleUs / Math.max(1, totalUs),
    // Shares are of the busy (non-idle) time.
    topFunctions: [...functions.values()]
      .filter((entry) => entry.name !== '(idle)')
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((entry) => ({ name: entry.name, where: entry.where, selfMs: entry.us / 1000, share: entry.us / busyUs })),
    selfByPackage: [...packagesSelf]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, selfMs: us / 1000, share: us / busyUs })),
    ownerByPackage: [...packagesOwned]
      .filter(([name]) => name !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs })),
    inclusiveByPackage: [...packagesInclusive]
      .filter(([name]) => name !== '(idle)' && name !== '(root)')
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: us / 1000, share: us / busyUs })),
  }
}

export function formatProfile(title: string, summary: ProfileSummary, rows = 20): string {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`
  const lines = [
    `#### ${title}`,
    '',
    `${summary.totalMs.toFixed(0)} ms sampled, ${pct(summary.idleShare)} idle; shares below are of the busy time.`,
    '',
    '| self | function | where |',
    '| ---: | --- | --- |',
    ...summary.topFunctions.slice(0, rows).map((f) => `| ${pct(f.share)} | \`${f.name}\` | ${f.where} |`),
    '',
    '| package | self | self, runtime charged to its caller | inclusive |',
    '| --- | ---: | ---: | ---: |',
    ...summary.ownerByPackage.slice(0, rows).map((p) => {
      const self = summary.selfByPackage.find((entry) => entry.name === p.name)
      const inclusive = summary.inclusiveByPackage.find((entry) => entry.name === p.name)
      return `| ${p.name} | ${self ? pct(self.share) : ''} | ${pct(p.share)} | ${inclusive ? pct(inclusive.share) : ''} |`
    }),
    '',
    ...moduleTable(summary, rows),
  ]
  return lines.join('\n')
}

/** Microseconds of busy CPU per request (time in the profile / requests answered meanwhile). */
const perRequestUs = (summary: ProfileSummary, ms: number) => (summary.requests ? `${((ms * 1000) / summary.requests).toFixed(1)}` : '')

/** The src/ files (each plugin, each hook's file) and packages, by inclusive time. */
export function moduleTable(summary: ProfileSummary, rows: number, filter: (name: string) => boolean = () => true): string[] {
  const pct = (share: number) => `${(share * 100).toFixed(1)}%`
  const perRequest = summary.requests !== undefined
  const modules = summary.byModule.filter((m) => filter(m.name)).slice(0, rows)
  if (modules.length === 0) return []
  return [
    summary.sourceMapped ? 'By source module (bundle frames mapped to src/ through dist/main.js.map):' : 'By source module:',
    '',
    `| module | self | inclusive |${perRequest ? ' self µs/req | inclusive µs/req |' : ''}`,
    `| --- | ---: | ---: |${perRequest ? ' ---: | ---: |' : ''}`,
    ...modules.map(
      (m) =>
        `| ${m.name} | ${pct(m.selfShare)} | ${pct(m.inclusiveShare)} |` +
        (perRequest ? ` ${perRequestUs(summary, m.selfMs)} | ${perRequestUs(summary, m.inclusiveMs)} |` : ''),
    ),
    '',
  ]
}

// `tsx bench/lib/profile.ts <file.cpuprofile> [requests] [rows]` prints the
// summary (a profile of the gateway's bundle is mapped through the dist/main.js.map
// beside the bundle it ran: profile before rebuilding). With the number of
// requests answered while profiling, costs are also per request.
if (process.argv[1]?.endsWith('bench/lib/profile.ts') && process.argv[2]) {
  const requests = process.argv[3] ? Number(process.argv[3]) : undefined
  const rows = process.argv[4] ? Number(process.argv[4]) : 30
  process.stdout.write(formatProfile(process.argv[2], summarizeProfile(process.argv[2], 40, requests), rows))
}
