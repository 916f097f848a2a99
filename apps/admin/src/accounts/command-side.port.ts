/**
 * The command side as the admin sees it: commands appended to the commands topic for the OMS to
 * decide (open an account, set its limits, flip a kill switch). Returns the command ids.
 */
export interface CommandSide {
  send(accountId: string, type: string, payload: unknown): Promise<string>;
  /** To every partition's OMS owner (the global kill switch). */
  broadcast(type: string, payload: unknown): Promise<readonly string[]>;
}

export const COMMAND_SIDE = Symbol('COMMAND_SIDE');
