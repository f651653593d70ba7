// `npm run test:fast` is vitest.config.ts's in-process project: exactly the
// files of test/unit, test/property and test/integration (test/README.md).
// `npm test` runs that project and the process project, which between them
// hold every test file, each once.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { globSync } from 'tinyglobby'
import { expect, it } from 'vitest'
import config from '../../vitest.config.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

interface Project {
  test: { name: string; include: string[]; exclude?: string[] }
}
const projects = (config.test?.projects ?? []) as Project[]

const filesOf = (project: Project) => globSync(project.test.include, { cwd: ROOT, ignore: project.test.exclude ?? [] }).sort()
const allTestFiles = () => globSync('test/**/*.test.ts', { cwd: ROOT, ignore: ['**/node_modules/**', 'test/fixtures/**'] }).sort()

it('test:fast runs the in-process project, which is test/unit, test/property and test/integration', () => {
  const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts as Record<string, string>
  const name = /--project (\S+)/.exec(scripts['test:fast']!)?.[1]
  const fast = projects.find((project) => project.test.name === name)
  expect(fast, `test:fast names a project of vitest.config.ts: ${scripts['test:fast']}`).toBeDefined()
  const expected = allTestFiles().filter((file) => /^test\/(unit|property|integration)\//.test(file))
  expect(expected.length).toBeGreaterThan(50)
  expect(filesOf(fast!)).toEqual(expected)
})

it("npm test's projects hold every test file, each in one project", () => {
  const files = projects.flatMap(filesOf)
  expect(files.sort()).toEqual(allTestFiles())
})
