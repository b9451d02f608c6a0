import { describeMoneyProperties } from '../support/money-properties';

// Random sequences of money operations with the invariants checked after every step: tests/support/money-properties.ts.
describeMoneyProperties('sqlite');
