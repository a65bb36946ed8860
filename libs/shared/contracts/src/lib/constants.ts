/**
 * Plain values shared by web and server, kept apart from the zod schemas so that
 * a browser bundle importing them does not pull in the validation library.
 */
export const ROLES = ['admin', 'teacher', 'accompanist', 'student', 'parent'] as const;
export type RoleName = (typeof ROLES)[number];
export const STAFF_ROLES: readonly RoleName[] = ['admin', 'teacher', 'accompanist'];
export const FAMILY_ROLES: readonly RoleName[] = ['student', 'parent'];

export const ACCESS_LEVELS = ['view', 'full'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/**
 * Cookie-borne endpoints (refresh, logout) require this header. A cross-site form
 * cannot set a custom header, and a cross-site script cannot without a CORS grant.
 */
export const CSRF_HEADER = 'x-cadenza-csrf';
export const CSRF_HEADER_VALUE = '1';
export const REFRESH_COOKIE = 'cadenza_refresh';

export const LESSON_FORMATS = ['individual', 'group'] as const;
export const LESSON_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export type LessonStatus = (typeof LESSON_STATUSES)[number];
/** Hard conflicts refuse; soft ones (outside availability, term or opening) need an admin's override. */
export const CONFLICT_KINDS = ['teacher', 'student', 'room', 'accompanist', 'buffer', 'closure', 'outside_term', 'outside_availability'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const MAX_SERIES_OCCURRENCES = 60;
export const REQUEST_KINDS = ['new_lesson', 'new_series', 'reschedule', 'cancellation'] as const;
export const REQUEST_STATUSES = ['pending', 'approved', 'declined', 'countered', 'withdrawn'] as const;

export const THREAD_KINDS = ['direct', 'family', 'group', 'staff'] as const;
export type ThreadKind = (typeof THREAD_KINDS)[number];
export const MAX_MESSAGE_LENGTH = 4000;

/** How a student attended a lesson: present, late (with minutes), absent with or without notice, or excused. */
export const ATTENDANCE_STATUSES = ['present', 'late', 'absent_notice', 'absent_no_notice', 'excused'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
