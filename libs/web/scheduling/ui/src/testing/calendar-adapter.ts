import { DateAdapter, provideCalendar } from 'angular-calendar';
import { adapterFactory as baseAdapter } from 'calendar-utils/date-adapters/date-fns';
import { addMonths, addWeeks, getDate, getISOWeek, getYear, setDate, setMonth, setYear, subDays, subMonths, subWeeks } from 'date-fns';

/** The calendar's date-fns adapter, put together here for specs: its own module is ESM, which the web specs run as CommonJS. */
const adapterFactory = () => ({ ...baseAdapter(), addWeeks, addMonths, subDays, subWeeks, subMonths, getISOWeek, setDate, setMonth, setYear, getDate, getYear });

/** angular-calendar provided as the pages provide it. */
export const provideCalendarForSpecs = () => provideCalendar({ provide: DateAdapter, useFactory: adapterFactory });
