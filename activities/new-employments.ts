/** TEMPORARY (issue #10 merge): client/claims.ts imports tasksOfClaim from here; import it from db/queries/tasks.ts and delete this file. */
export { tasksOfClaim } from '../db/queries/tasks';
