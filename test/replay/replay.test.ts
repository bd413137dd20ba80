/**
 * Replay: histories of real onboarding and claim runs, committed as fixtures, must replay against the
 * current workflow code without non-determinism. A change to a running workflow's command order
 * fails here until it is guarded with patched().
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { testDataConverter, workflowBundle } from '../setup/harness';

const DIR = path.join(__dirname, 'histories');

describe('committed workflow histories', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.binpb'));

  it('there are fixtures to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  it.each(files)('%s replays without non-determinism', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(path.join(DIR, file)));
    // `<label>__<workflow id, ':' as '~'>.binpb` keeps the real id (a child's id derives from it).
    const name = file.replace(/\.binpb$/, '');
    const workflowId = name.includes('__') ? name.slice(name.indexOf('__') + 2).replaceAll('~', ':') : name;
    await expect(
      // With the payload codec on: these histories were recorded before it, and their payloads pass through.
      Worker.runReplayHistory(
        { workflowBundle: workflowBundle(), dataConverter: testDataConverter },
        history,
        workflowId,
      ),
    ).resolves.toBeUndefined();
  });
});
