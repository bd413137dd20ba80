/** TEMPORARY (issue #10 merge): api/routes/bank.ts, api/routes/employers.ts and cli/program.ts import these from here; import from services/bank.ts and delete this file. */
export * from '../services/bank';
