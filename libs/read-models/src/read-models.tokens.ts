/** The name of the positions table this process projects into and reads from. */
export const POSITIONS_TABLE = Symbol('POSITIONS_TABLE');
