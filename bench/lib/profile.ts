// Reads a V8 .cpuprofile and says where the time went: self time by function
// and by package, and inclusive time by package (the share of samples whose
// stack contains that package anywhere).
import { readFileSync } from 'node:fs'

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
  const src = url.match(/\/(src|bench|test)\/([^/]+)/)
  if (src) return `${src[1]}/${src[2]!.replace(/\.ts$/, '')}`
  return url.replace(/^file:\/\//, '')
}

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')

export function summarizeProfile(path: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
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
  const stackPackages = new Map<number, Set<string>>()
  const packagesOnStack = (id: number): Set<string> => {
    let cached = stackPackages.get(id)
    if (cached) return cached
    const node = byId.get(id)!
    const above = parent.has(id) ? packagesOnStack(parent.get(id)!) : new Set<string>()
    cached = new Set(above)
    cached.add(packageOf(node.callFrame.url, node.callFrame.functionName))
    stackPackages.set(id, cached)
    return cached
  }
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
    // tsx-transpiled files (src/, bench/) have no meaningful line numbers in the profile.
    const where = url ? (/\.ts$/.test(url) ? shortUrl(url) : `${shortUrl(url)}:${lineNumber + 1}`) : ''
    const key = `${name}@${where}`
    const entry = functions.get(key) ?? { name, where, us: 0 }
    entry.us += us
    functions.set(key, entry)
    const pkg = packageOf(url, functionName)
    packagesSelf.set(pkg, (packagesSelf.get(pkg) ?? 0) + us)
    for (const onStack of packagesOnStack(id)) packagesInclusive.set(onStack, (packagesInclusive.get(onStack) ?? 0) + us)
  }
  const busyUs = Math.max(1, totalUs - idleUs)
  return {
    totalMs: totalUs / 1000,
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
  ]
  return lines.join('\n')
}

// `tsx bench/lib/profile.ts <file.cpuprofile>` prints the summary.
if (process.argv[1]?.endsWith('bench/lib/profile.ts') && process.argv[2]) {
  process.stdout.write(formatProfile(process.argv[2], summarizeProfile(process.argv[2]), 30))
}
