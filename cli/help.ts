/**
 * `--help` in the chosen language: once every command group has registered, each command's,
 * argument's and option's description is replaced by its catalog text (messages/cli.ts, keyed by
 * its path: `cli.help.ansinh.employer.onboard`, `….<file>`, `….--wait`), and commander's own words
 * (the help option and command, the headings) too. The English strings the commands register
 * with are what `--lang en` shows; test/cli/help.test.ts proves each has its catalog text.
 */
import { Help, type Command, type Option } from 'commander';
import { catalog } from '../messages/catalog';
import type { MessageKey } from '../messages/index';
import type { Words } from './say';

/** The catalog key of each description in the program, with whether the catalog has it. */
export function helpKeys(program: Command): { key: string; present: boolean }[] {
  const keys: { key: string; present: boolean }[] = [];
  visit(program, 'ansinh', (key) => {
    keys.push({ key, present: key in catalog });
    return undefined;
  });
  return keys;
}

function visit(cmd: Command, path: string, text: (key: string, current: string) => string | undefined): void {
  const own = text(`cli.help.${path}`, cmd.description());
  if (own !== undefined) cmd.description(own);
  for (const a of cmd.registeredArguments) {
    if (!a.description) continue; // an argument named by its placeholder alone
    const d = text(`cli.help.${path}.<${a.name()}>`, a.description);
    if (d !== undefined) a.description = d;
  }
  for (const o of cmd.options) {
    const d = text(`cli.help.${path}.${o.long ?? o.short ?? o.flags}`, o.description);
    if (d !== undefined) o.description = d;
  }
  for (const sub of cmd.commands) visit(sub, `${path}.${sub.name()}`, text);
}

export function localizeHelp(program: Command, w: Words): void {
  const say = (key: string) => (key in catalog ? w.say(key as MessageKey) : undefined);
  visit(program, 'ansinh', (key) => say(key));
  const all = (cmd: Command): Command[] => [cmd, ...cmd.commands.flatMap(all)];
  for (const cmd of all(program)) {
    cmd.helpOption('-h, --help', w.say('cli.help.help'));
    if (cmd.commands.length > 0) cmd.helpCommand('help [command]', w.say('cli.help.helpCommand'));
    cmd.configureHelp({
      styleTitle: (title) => say(`cli.help.title.${title}`) ?? title,
      // commander's "(choices: …, default: …)" after an option's description, in the chosen language
      optionDescription(this: Help, option: Option) {
        return Help.prototype.optionDescription
          .call(this, option)
          .replace(
            /\((choices|default): /,
            (_m, word: string) => `(${w.say(`cli.help.${word as 'choices' | 'default'}`)}: `,
          )
          .replace(/, default: /, `, ${w.say('cli.help.default')}: `);
      },
    });
  }
}
