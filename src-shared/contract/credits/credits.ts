/** Credit procedures (services/credits). */
export const creditProcedures = {} as const;
