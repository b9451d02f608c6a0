/** Procedures of this area; see ./index.ts. */
export const statisticsProcedures = {} as const;
