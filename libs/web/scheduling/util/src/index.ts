export * from './lib/cancellation-policy';
export * from './lib/conflict-kinds';
export * from './lib/people';
export * from './lib/zoned-time';
export * from './lib/calendar-hours';
export * from './lib/request-lesson';
export * from './lib/slot-choice';
export * from './lib/money';
