/** The arguments of `pgvet plan` (kept apart from plan.ts so that lint never loads the live-server code; flags: options.ts). */
export interface PlanArgs {
  file: string;
  db?: string;
  primary?: string;
  format?: string;
  failOn?: string;
  /** seconds */
  queryTimeout?: number;
  color?: boolean;
}
