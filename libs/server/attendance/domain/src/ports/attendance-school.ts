/** What attendance needs to know of its school: its IANA time zone, which says when its days begin and end. */
export abstract class AttendanceSchool {
  abstract timeZone(): Promise<string>;
}
