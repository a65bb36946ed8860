import type { Role } from '@cadenza/shared/contracts';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  teacher: 'Teacher',
  accompanist: 'Accompanist',
  student: 'Student',
  parent: 'Parent',
};
