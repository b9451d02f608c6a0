/** Procedures of this area; see ./index.ts. */
export const payoutProcedures = {} as const;
