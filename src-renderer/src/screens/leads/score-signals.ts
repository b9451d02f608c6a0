import type { LeadScoreSignal } from '@shared/contract/leads/score-types';

/**
 * What each signal judges, in a sentence for the weights editor. It describes
 * src-main/domain/leads/quality-score.ts, which stays the one place the rules are applied.
 */
export const SIGNAL_EXPLANATION: Record<LeadScoreSignal, string> = {
  completeness: 'The share of the seven contact fields filled in: contact name, company, email, phone, country, job title and product interest.',
  email: 'A valid company address earns the full points, a free-mail address (gmail.com and the like) a third, no address or an invalid one nothing.',
  phone: 'A valid number earns the full points, a number of possible length that the numbering plan does not know half.',
  estimated_value: 'Measured against the reference deal value: at or above it the full points, at least half of it three quarters, at least a tenth half, anything above zero a quarter.',
  duplicate: 'The full points when no live lead matches; half when only the company domain matches (possible channel conflict); none when the email or phone matches.',
  partner_history: "The partner's past approval rate; neutral (half the points) until the partner has the minimum number of decided leads set below.",
};
