/**
 * ARCHITECTURE.md names the room of every source file (issue 10): its "Layout" table has one row
 * per room, and every file git tracks in that room is named in the row — by its name, or, for a
 * folder of like files (routes/, commands/, schema/, migrations/), by the folder.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..');
/** Folders of like files, named as a folder (each file of any other folder is named by itself). */
const FOLDERS_OF_LIKE_FILES = new Set([
  'api/routes/',
  'console/routes/',
  'console/views/',
  'console/assets/',
  'cli/commands/',
  'db/schema/',
  'db/migrations/',
  'db/patches/',
]);
const ROOMS = [
  'domain',
  'workflows',
  'activities',
  'services',
  'db',
  'client',
  'api',
  'console',
  'messages',
  'cli',
  'runtime',
  'worker',
  'dev',
];

function layoutRows(): Map<string, string> {
  const doc = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Layout'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const m = /^\| `([a-z-]+)\/` \|(.*)$/.exec(line);
    if (m) rows.set(m[1]!, m[2]!);
  }
  return rows;
}

function trackedFiles(room: string): string[] {
  return execFileSync('git', ['ls-files', room], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|tsx|cjs|css)$/.test(f));
}

describe('ARCHITECTURE.md: the room of each file', () => {
  it('has a row for every room', () => {
    expect([...layoutRows().keys()].sort()).toEqual(expect.arrayContaining([...ROOMS].sort()));
  });

  it('names every tracked source file in its room’s row (by name, or by its folder)', () => {
    const rows = layoutRows();
    const unnamed: string[] = [];
    for (const room of ROOMS) {
      const row = rows.get(room) ?? '';
      for (const file of trackedFiles(room)) {
        const dir = `${path.dirname(file)}/`;
        const folder = FOLDERS_OF_LIKE_FILES.has(dir) ? `${path.basename(dir)}/` : null;
        const named = row.includes(`\`${path.basename(file)}\``) || (folder !== null && row.includes(`\`${folder}\``));
        if (!named) unnamed.push(file);
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('the Dockerfile copies every room the processes run from (a room moved in issue 10 was missing from the image)', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY (\S+) \.\/\1$/gm)].map((m) => m[1]);
    expect(ROOMS.filter((room) => !copied.includes(room))).toEqual([]);
  });
});
