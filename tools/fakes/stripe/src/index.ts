export { StripeFake, startStripeFake, TEST_CARDS, type StripeFakeEvent, type StripeFakeOptions, type StripeObject, type TestCard } from './stripe-fake.js';
