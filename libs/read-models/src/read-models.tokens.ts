/** The configured name of the positions table (a rebuild's pointer, when set, wins). */
export const POSITIONS_TABLE = Symbol('POSITIONS_TABLE');
