/**
 * One Temporal dev server, one workflow bundle and one migrated template database per test run.
 * Each test file clones the template into a database of its own and uses its own task queue.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client';
import { ensureContributionPartitions, partitionHorizon } from '../../db/queries/partitions';
import { clockFromEnv } from '../../runtime/clock';
import { WORKFLOWS_PATH } from '../../worker/main';
import { FAILURE_CONVERTER_PATH } from '../../runtime/payload-codec';
import { executableFor, resolveTemporalCli, resolveTestServer } from '../../runtime/temporal-binary';
import { ADMIN_URL, databaseUrl } from './pg';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    templateDatabase: string;
    bundlePath: string;
    testServerPath: string | null;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${randomBytes(4).toString('hex')}${process.pid}`;
  const template = `ansinh_tpl_${runId}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });

  // Template database, migrated once.
  await admin.unsafe(`create database "${template}"`);
  const tpl = await openDatabase({ url: databaseUrl(template), max: 1 });
  await tpl.migrate();
  // What `ansinh db migrate` and every worker do: contribution_months' partitions ahead of the
  // clock (the suite passes on any date, and with ANSINH_TODAY pinned years ahead).
  await ensureContributionPartitions(tpl.db, partitionHorizon(clockFromEnv().today()));
  await tpl.close();

  // Workflow code, bundled once.
  const bundle = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never,
  });
  const dir = path.join(process.cwd(), 'node_modules', '.cache', 'ansinh-test');
  mkdirSync(dir, { recursive: true });
  const bundlePath = path.join(dir, `workflow-bundle-${runId}.js`);
  writeFileSync(bundlePath, bundle.code);

  // One dev server (the CI machine has two cores: retry the start once).
  const cli = resolveTemporalCli();
  const start = () =>
    TestWorkflowEnvironment.createLocal({ server: { executable: executableFor(cli), ip: '127.0.0.1' } });
  let env: TestWorkflowEnvironment;
  try {
    env = await start();
  } catch {
    env = await start();
  }
  const address = env.connection.options.address;

  project.provide('temporalAddress', address);
  project.provide('templateDatabase', template);
  project.provide('bundlePath', bundlePath);
  project.provide('testServerPath', resolveTestServer());

  return async () => {
    await env.teardown();
    const dbs = await admin<
      { datname: string }[]
    >`select datname from pg_database where datname like ${`ansinh_t%_${runId}%`} or datname = ${template}`;
    for (const { datname } of dbs) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
  };
}
