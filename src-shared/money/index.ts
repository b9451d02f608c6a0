/**
 * Money and rates, shared by main and renderer: integer minor units and basis points with
 * their brands and guards (minor.ts), and the one parser and formatter of each for people
 * (money-text.ts, percent-text.ts). Never floating point for an amount.
 */
export * from './minor';
export * from './money-text';
export * from './percent-text';
