// npm run token -- --tid <tenant> --sub <userId> [--scp "<scopes>"] [--wids <roleId,...>]
//                  [--roles <perm,...>] [--expires-in <seconds>]
// Prints a signed HS256 token for local use (JWT_SECRET, or the development secret).
import { mintToken, signingSecret } from '../auth/mint.ts'
import { loadConfig } from '../config.ts'
import { fail, options, runCommand } from './arguments.ts'

const usage =
  'npm run token -- --tid <tenant> --sub <userId> [--scp "<scopes>"] [--wids <roleId,...>] [--roles <perm,...>] [--expires-in <seconds>]'
const args = options(usage, {
  tid: { type: 'string', default: 'contoso' },
  sub: { type: 'string' },
  scp: { type: 'string' },
  wids: { type: 'string' },
  roles: { type: 'string' },
  'expires-in': { type: 'string', default: '3600' },
})

const list = (value: string | undefined) => value?.split(',').map((item) => item.trim()).filter(Boolean)

await runCommand('token', async () => {
  const config = loadConfig()
  if (!args.sub) fail(`--sub is required\nusage: ${usage}`)
  const expiresIn = Number(args['expires-in'])
  if (!Number.isInteger(expiresIn) || expiresIn <= 0) fail('--expires-in must be a positive whole number of seconds')
  const secret = signingSecret(config) ?? fail('JWT_SECRET is required when NODE_ENV=production')
  const token = await mintToken(
    secret,
    {
      tid: args.tid,
      sub: args.sub,
      scp: args.scp,
      roles: list(args.roles),
      wids: list(args.wids),
      iss: config.auth.issuer,
      aud: config.auth.audience,
    },
    expiresIn,
  )
  process.stdout.write(`${token}\n`)
})
