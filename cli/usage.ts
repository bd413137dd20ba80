/**
 * commander's own refusals of a command line (a missing argument, an unknown option or command, too
 * many arguments, a missing option value) in the chosen language (issue #13). commander writes them
 * in English through `outputError`; this reads which refusal it is and the names it quotes (flags and
 * argument names are data) and writes the catalog's text as `error: USAGE: …`, the CLI's error line.
 */
import { t, type Lang, type MessageKey } from '../messages/index';

const FORMS: [RegExp, MessageKey][] = [
  [/^error: missing required argument '([^']+)'/, 'cli.usage.missing_argument'],
  [/^error: option '([^']+)' argument missing/, 'cli.usage.option_argument_missing'],
  [/^error: required option '([^']+)' not specified/, 'cli.usage.option_required'],
  [/^error: unknown option '([^']+)'/, 'cli.usage.unknown_option'],
  [/^error: unknown command '([^']+)'/, 'cli.usage.unknown_command'],
  [/^error: too many arguments(?: for '([^']+)')?/, 'cli.usage.too_many_arguments'],
  [/^error: option '([^']+)' argument '[^']*' is invalid/, 'cli.usage.invalid_option_value'],
  [/^error: command-argument value '[^']*' is invalid for argument '([^']+)'/, 'cli.usage.invalid_argument'],
];

/** commander's error text → the line the CLI writes, in `lang`. */
export function usageLine(lang: Lang, commanderText: string): string {
  const text = commanderText.trim();
  // commander's "(Did you mean --x?)" suggestion: keep the suggested name, in our words.
  const suggestion = /\(Did you mean ([^?]+)\?\)/.exec(text)?.[1];
  for (const [form, key] of FORMS) {
    const m = form.exec(text);
    if (!m) continue;
    const line = t(lang, key, { name: m[1] ?? '' });
    return `error: USAGE: ${line}${suggestion ? ` ${t(lang, 'cli.usage.did_you_mean', { name: suggestion })}` : ''}\n`;
  }
  return `error: USAGE: ${t(lang, 'cli.usage.other')}\n`;
}
