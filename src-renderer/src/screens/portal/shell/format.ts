/**
 * Amounts and dates in the portal, in the browser's locale. Money stays integer minor units
 * until this last step (formatMoney turns them into a decimal string, never a float).
 */
export { formatMoney } from '@shared/money';
export { formatDate, formatDateTime, formatRelative } from '../../../format/date';
export { formatMonth, formatLongMonth, formatRate } from '../../statistics/month-range';
