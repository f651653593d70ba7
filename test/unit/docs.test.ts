// The documents in docs/ list what the code defines — error codes, directory
// roles, audit activity names, configuration variables — and every document
// the repository cites exists in it. A failure names the document and the
// row to add, remove or correct.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CONFIGURATION_VARIABLES } from '../../src/config.ts'
import { ACTIVITY_CATEGORIES } from '../../src/domain/audit.ts'
import { ERROR_CODES } from '../../src/domain/errors.ts'
import { DirectoryRole, DirectoryRoleName } from '../../src/domain/principal.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')

/** The cells of every markdown table in a document, header row first (separator rows dropped). */
function tablesOf(markdown: string): string[][][] {
  const tables: string[][][] = []
  let current: string[][] | undefined
  for (const line of markdown.split('\n')) {
    if (!line.trimStart().startsWith('|')) {
      current = undefined
      continue
    }
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replaceAll('\\|', '|'))
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue
    if (!current) tables.push((current = []))
    current.push(cells)
  }
  return tables
}

/** A cell's value: the text of its first `code span`, or the cell itself. */
const valueOf = (cell: string | undefined) => (cell ?? '').match(/`([^`]+)`/)?.[1] ?? (cell ?? '').trim()

/**
 * The rows of the document's table whose header starts with `key`: each row's
 * key and, when asked, the value of column `column`. A document may split the
 * list over several tables with the same header.
 */
function documentedRows(path: string, markdown: string, key: string, column?: string): { rows: Map<string, string | undefined>; problems: string[] } {
  const rows = new Map<string, string | undefined>()
  const problems: string[] = []
  const tables = tablesOf(markdown).filter(([header]) => header?.[0]?.toLowerCase() === key.toLowerCase())
  if (tables.length === 0) problems.push(`${path}: no table whose first column is headed "${key}"`)
  for (const [header, ...body] of tables) {
    const at = column === undefined ? -1 : header!.findIndex((cell) => cell.toLowerCase() === column.toLowerCase())
    if (column !== undefined && at < 0) problems.push(`${path}: the "${key}" table has no "${column}" column`)
    for (const row of body) {
      const name = valueOf(row[0])
      if (rows.has(name)) problems.push(`${path}: \`${name}\` has more than one row`)
      rows.set(name, at < 0 ? undefined : valueOf(row[at]))
    }
  }
  return { rows, problems }
}

/** What to change in the document so that its table lists exactly what the code defines. */
function differences(
  path: string,
  key: string,
  source: string,
  defined: ReadonlyMap<string, string | undefined>,
  column?: string,
  markdown = read(path),
): string[] {
  const { rows, problems } = documentedRows(path, markdown, key, column)
  for (const [name, value] of defined) {
    if (!rows.has(name)) problems.push(`${path}: add a row for \`${name}\` (${source} defines it)`)
    else if (column !== undefined && rows.get(name) !== value) {
      problems.push(`${path}: the row for \`${name}\` says ${column} \`${rows.get(name)}\`; ${source} says \`${value}\``)
    }
  }
  for (const name of rows.keys()) {
    if (!defined.has(name)) problems.push(`${path}: remove the row for \`${name}\` (${source} does not define it)`)
  }
  return problems
}

const keysOnly = (names: Iterable<string>) => new Map([...names].map((name) => [name, undefined]))

describe('docs/ tables match the code', () => {
  it('docs/errors.md has one row per error code', () => {
    expect(differences('docs/errors.md', 'code', 'src/domain/errors.ts (ERROR_CODES)', keysOnly(Object.keys(ERROR_CODES)))).toEqual([])
  })

  it('docs/permissions.md has one row per directory role, with its template id', () => {
    const roles = new Map(Object.values(DirectoryRole).map((id) => [DirectoryRoleName[id]!, id]))
    expect(differences('docs/permissions.md', 'role', 'src/domain/principal.ts (DirectoryRole)', roles, 'template id')).toEqual([])
  })

  it('docs/audit.md has one row per activity name, with its category', () => {
    expect(differences('docs/audit.md', 'activityDisplayName', 'src/domain/audit.ts', ACTIVITY_CATEGORIES, 'category')).toEqual([])
  })

  it('docs/configuration.md has one row per environment variable', () => {
    expect(differences('docs/configuration.md', 'variable', 'src/config.ts', keysOnly(CONFIGURATION_VARIABLES))).toEqual([])
  })

  it('names each missing, extra, repeated and wrong row', () => {
    const markdown = [
      'Intro.',
      '',
      '| code | category | meaning |',
      '| --- | :-: | --- |',
      '| `A` | `x` | a \\| b |',
      '| `B` | `wrong` | |',
      '| `EXTRA` | `x` | |',
      '',
      '| code | category |',
      '| --- | --- |',
      '| `A` | `x` |',
    ].join('\n')
    const defined = new Map([
      ['A', 'x'],
      ['B', 'y'],
      ['C', 'z'],
    ])
    expect(differences('docs/x.md', 'code', 'src/x.ts', defined, 'category', markdown)).toEqual([
      'docs/x.md: `A` has more than one row',
      'docs/x.md: the row for `B` says category `wrong`; src/x.ts says `y`',
      'docs/x.md: add a row for `C` (src/x.ts defines it)',
      'docs/x.md: remove the row for `EXTRA` (src/x.ts does not define it)',
    ])
    expect(differences('docs/x.md', 'variable', 'src/x.ts', defined, undefined, markdown)).toEqual([
      'docs/x.md: no table whose first column is headed "variable"',
      'docs/x.md: add a row for `A` (src/x.ts defines it)',
      'docs/x.md: add a row for `B` (src/x.ts defines it)',
      'docs/x.md: add a row for `C` (src/x.ts defines it)',
    ])
  })
})

/** The repository's own files that may cite a document (generated code and outputs aside). */
function citingFiles(): string[] {
  const skipped = new Set(['node_modules', 'generated', 'data', 'dist', 'test-results'])
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const path = join(dir, name)
      if (name.startsWith('.') || skipped.has(name)) return []
      return statSync(join(ROOT, path)).isDirectory() ? walk(path) : /\.(ts|mjs|js|md|graphql|prisma|sql|json)$/.test(name) ? [path] : []
    })
  const docs = existsSync(join(ROOT, 'docs')) ? walk('docs') : []
  // This file names missing documents on purpose, in its own checks.
  return ['README.md', 'SCHEMA_CHANGES.md', ...docs, ...['src', 'test', 'client', 'prisma', 'bench'].flatMap(walk)].filter(
    (file) => file !== 'test/unit/docs.test.ts',
  )
}

/** Outputs of `npm run bench`, written into bench/data/ (not kept in the repository). */
const GENERATED_REPORTS = /^bench\/data\//

/** Where a cited path points, or undefined when it leads nowhere in the repository. */
function citedPath(file: string, cited: string): string | undefined {
  const candidates = cited.startsWith('.') ? [resolve(ROOT, dirname(file), cited)] : [resolve(ROOT, cited), resolve(ROOT, dirname(file), cited)]
  const found = candidates.find((candidate) => existsSync(candidate))
  return found === undefined ? undefined : relative(ROOT, found)
}

function missingCitations(file: string): string[] {
  const text = read(file)
  const cited = new Set<string>()
  // Any path to a markdown document, in code comments as in prose: docs/rules.md, ../../README.md.
  for (const [, path] of text.matchAll(/(?<![\w/.:@-])((?:\.\.?\/)*(?:[\w-][\w.-]*\/)*[\w-][\w.-]*\.md)\b/g)) cited.add(path!)
  // Relative links of markdown documents: [text](path#anchor).
  if (file.endsWith('.md')) {
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (!/^([a-z]+:|#)/i.test(target!)) cited.add(decodeURI(target!.replace(/#.*$/, '')))
    }
  }
  return [...cited]
    .filter((path) => !GENERATED_REPORTS.test(path) && citedPath(file, path) === undefined)
    .map((path) => `${file} cites ${path}, which is not in the repository`)
}

const citesTheContract = (file: string) => /\bCONTRACT\s*§/.test(read(file))

describe('every document the repository cites is in it', () => {
  const files = citingFiles()

  it('finds the citing files (README, src, test, client, prisma, bench, docs)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'src/main.ts', 'prisma/generate.mjs', 'bench/run.ts', 'docs/rules.md']))
  })

  it('every cited markdown document and every relative link exists', () => {
    expect(files.flatMap(missingCitations)).toEqual([])
  })

  it('no file cites the product contract, a document outside the repository, by section', () => {
    const citing = files.filter(citesTheContract)
    expect(citing.map((file) => `${file} cites the product contract by section: cite the docs/ document that says it instead`)).toEqual([])
  })

  it('finds what a person would call a dead citation', () => {
    expect(citedPath('README.md', 'docs/nothing-here.md')).toBeUndefined()
    expect(citedPath('test/integration/examples.test.ts', '../../README.md')).toBe('README.md')
    expect(citedPath('bench/README.md', 'RESULTS.md')).toBe('bench/RESULTS.md')
  })
})
