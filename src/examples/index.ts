// The example operations shown in GraphiQL and the README. They live as
// .graphql files so that tests validate and run them: examples never rot.
import { readdirSync, readFileSync } from 'node:fs'
import { projectPath } from '../paths.ts'

const folder = projectPath('src', 'examples')

/** Every example document, by file name. */
export const exampleDocuments: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => [file, readFileSync(`${folder}/${file}`, 'utf8')]),
)

/** The document GraphiQL opens with. */
export const GRAPHIQL_DEFAULT_DOCUMENT = exampleDocuments['getting-started.graphql']!
