/**
 * `ansinh keys rotate-signing|signing-jwks`: the Ed25519 ring that signs e-books
 * (runtime/signing-keys.ts). They join a `keys` group another file may also add to.
 */
import type { Command } from 'commander';
import { DomainError } from '../../domain/errors';
import { loadSigningKeys, rotateSigningKey, SigningKeyError } from '../../runtime/signing-keys';
import type { CommandKit } from '../context';

/** The program's `keys` command, created if no other group made it first. */
function keysGroup(program: Command): Command {
  return program.commands.find((c) => c.name() === 'keys') ?? program.command('keys').description('key management');
}

export function registerSigningCommands(program: Command, { ctx, print, words: w }: CommandKit): void {
  const keys = keysGroup(program);

  keys
    .command('rotate-signing')
    .description(
      'add a new Ed25519 e-book signing key and make it current; older keys stay published (the API picks it up when it restarts)',
    )
    .action(async () => {
      try {
        const { kid, file } = await rotateSigningKey(ctx.cfg);
        const all = (await loadSigningKeys(ctx.cfg)).publicJwks().keys.map((k) => k.kid);
        print(w.say('cli.keys.signing', { kid, file, count: all.length }), { kid, file, kids: all });
      } catch (err) {
        if (err instanceof SigningKeyError) throw new DomainError('CONFIG', err.message);
        throw err;
      }
    });

  keys
    .command('signing-jwks')
    .description('print the public JWKS of the e-book signing keys (what /.well-known/jwks.json serves)')
    .action(async () => {
      const jwks = (await loadSigningKeys(ctx.cfg)).publicJwks();
      ctx.out(`${JSON.stringify(jwks, null, 2)}\n`);
    });
}
