/** Procedures of this area; see ./index.ts. */
export const financeProcedures = {} as const;
