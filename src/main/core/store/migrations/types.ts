/** One schema step. Versions are consecutive integers starting at 1; `up` is plain SQL run in a transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}
