/** TEMPORARY (issue #10 merge): api/routes/bank.ts, cli/program.ts and test/domain/bank.test.ts import these from here; import from services/bank-parse.ts and delete this file. */
export * from '../services/bank-parse';
